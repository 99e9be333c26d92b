package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.testsupport.Seeds;
import io.upsilon.testsupport.TransferClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pass-through path (an entity with no transforms) killed with {@code kill -9} at random points, three times,
 * then resumed: the target ends with exactly the source's rows, none lost or doubled.
 */
@ExtendWith(Seeds.Report.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PassThroughResumeIT {

    private static final int ROWS = 100_000;

    @TempDir
    Path dir;

    @Test
    void killedThreeTimesThenResumedLosesAndDuplicatesNothing() throws Exception {
        TransferClusters db = new TransferClusters(ROWS);
        db.neu.execute("CREATE TABLE transfers_copy (id bigint PRIMARY KEY, amount numeric NOT NULL, fee numeric,"
                + " quote_id text, state text NOT NULL, legacy text, updated_at timestamptz NOT NULL)");
        Path spec = dir.resolve("identity.yaml");
        Files.writeString(spec, """
                source: {url: "%s", user: postgres}
                target: {url: "%s", user: postgres}
                overlap: 2s
                entities:
                  - {name: transfers, source: transfers, target: transfers_copy, key: [id], updatedAt: updated_at,
                     batchSize: 1000}
                """.formatted(db.old.jdbcUrl(), db.neu.jdbcUrl()));
        KilledRuns.killThreeTimes(spec, db.neu, "transfers_copy", ROWS, 20);
        MigrationSpec parsed = MigrationSpec.load(spec);
        CountingStores counts = new CountingStores();
        // the source as it is: a first copy reads its snapshot through the PostgreSQL store itself
        Migrator migrator = Migrator.create(parsed, Stores.source(parsed.source(), Map.of()),
                counts.target(Stores.target(parsed.target(), Map.of())), getClass().getClassLoader());
        RunReport.Entity resumed = migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none())
                .entities().get(0);

        assertThat(resumed.started()).isEqualTo("start"); // the first copy's ranges not yet written
        assertThat(resumed.rowsRead()).isLessThan(ROWS);
        assertThat(counts.rowWrites.get()).isZero();
        assertThat(counts.binaryWrites.get()).as("same types: binary pages").isPositive()
                .isEqualTo(counts.copyWrites.get());
        assertThat(migrator.verify(10).matches()).isTrue();
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers_copy")).isEqualTo((long) ROWS);
        String fingerprint = "SELECT count(*) || ':' || sum(hashtext(t::text)) FROM %s t";
        assertThat(db.neu.queryOne(fingerprint.formatted("transfers_copy")))
                .isEqualTo(db.old.queryOne(fingerprint.formatted("transfers")));
    }
}
