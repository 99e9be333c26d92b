package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.testsupport.JavaProcess;
import io.upsilon.testsupport.TransferClusters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pass-through path (an entity with no transforms) killed with {@code kill -9} at random points, three times,
 * then resumed: the target ends with exactly the source's rows, none lost or doubled.
 */
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
        Random random = new Random();
        long previous = 0;
        for (int kill = 1; kill <= 3; kill++) {
            try (JavaProcess migrating = JavaProcess.start(MigrateMain.class, spec.toString())) {
                int batches = 2 + random.nextInt(6);
                for (int b = 0; b < batches; b++) {
                    assertThat(migrating.awaitLine("PROGRESS", Duration.ofSeconds(60))).as(migrating.output())
                            .isPresent();
                }
                Thread.sleep(random.nextInt(20)); // somewhere inside the next batch
                migrating.kill9();
            }
            long copied = (Long) db.neu.queryOne("SELECT rows_written FROM upsilon_migration_checkpoint");
            assertThat(copied).as("each run resumes past the last one's checkpoint").isGreaterThan(previous)
                    .isLessThan(ROWS);
            assertThat((Long) db.neu.queryOne("SELECT count(*) FROM transfers_copy"))
                    .as("rows commit with their checkpoint, never ahead of it").isLessThanOrEqualTo(copied);
            System.out.printf("kill %d: checkpoint at %d rows%n", kill, copied);
            previous = copied;
        }
        MigrationSpec parsed = MigrationSpec.load(spec);
        CountingStores counts = new CountingStores();
        Migrator migrator = Migrator.create(parsed, counts.source(Stores.source(parsed.source(), Map.of())),
                counts.target(Stores.target(parsed.target(), Map.of())), getClass().getClassLoader());
        RunReport.Entity resumed = migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none())
                .entities().get(0);

        assertThat(resumed.started()).isEqualTo("checkpoint");
        assertThat(resumed.rowsRead()).isLessThan(ROWS);
        assertThat(counts.rowWrites.get()).isZero();
        assertThat(counts.binaryPages.get()).as("same types: binary pages").isPositive()
                .isEqualTo(counts.copyPages.get());
        assertThat(migrator.verify(10).matches()).isTrue();
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers_copy")).isEqualTo((long) ROWS);
        String fingerprint = "SELECT count(*) || ':' || sum(hashtext(t::text)) FROM %s t";
        assertThat(db.neu.queryOne(fingerprint.formatted("transfers_copy")))
                .isEqualTo(db.old.queryOne(fingerprint.formatted("transfers")));
    }
}
