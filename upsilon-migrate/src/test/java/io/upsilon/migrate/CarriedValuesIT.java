package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log capture of an entity copied as it is, whose changes are written from the values the log carries: every carried
 * type (numbers, numeric, text, boolean, uuid, jsonb, float8, timestamptz with {@code infinity}), NULLs, a key that
 * changes, deletes, a key inserted, updated and deleted and inserted again in one transaction, a transaction bigger
 * than one target transaction of the applier (a key's changes split between two of them), and updates that leave
 * a TOASTed value unchanged (the log leaves it out: that row is read again). Seeded random updates on top. After the
 * catch-up, source and target hold the same rows, compared as text.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CarriedValuesIT {

    private static final String TABLE = "CREATE TABLE items (id bigint PRIMARY KEY, n int, amount numeric, note text,"
            + " big text, flag boolean, ref uuid, doc jsonb, ratio float8, at timestamptz)";

    @TempDir
    Path dir;

    @Test
    void targetHoldsTheSourceRowsAfterACatchUpFromCarriedValues() throws Exception {
        long seed = System.nanoTime();
        System.out.println("CarriedValuesIT seed " + seed);
        Random random = new Random(seed);
        TestDatabase old = PostgresFixture.newLogicalDatabase();
        TestDatabase neu = PostgresFixture.newDatabaseOnSecondServer();
        old.execute(TABLE);
        neu.execute(TABLE);
        // big: ~10 kB of hex, stored out of line (TOAST), so an update that leaves it alone does not log it
        old.execute("INSERT INTO items SELECT g, g % 50, g * 1.25, CASE WHEN g % 9 = 0 THEN NULL ELSE 'note ' || g END,"
                + " (SELECT string_agg(md5(g::text || i), '') FROM generate_series(1, 300) i), g % 2 = 0,"
                + " md5(g::text)::uuid, jsonb_build_object('g', g, 'tags', jsonb_build_array('a', g)), g / 3.0,"
                + " timestamptz '2026-01-01 00:00:00.123456+00' + g * interval '1.5 second' FROM generate_series(1,"
                + " 3000) g");
        Path spec = dir.resolve("items.yaml");
        Files.writeString(spec, """
                source: {url: "%s", user: postgres}
                target: {url: "%s", user: postgres}
                entities:
                  - {name: items, source: items, target: items, key: [id], updatedAt: at, batchSize: 500}
                """.formatted(old.jdbcUrl(), neu.jdbcUrl()));
        MigrationSpec parsed = MigrationSpec.load(spec);
        Migrator migrator = Migrator.create(parsed, Stores.source(parsed.source(), Map.of()),
                Stores.target(parsed.target(), Map.of()), getClass().getClassLoader());
        migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none());
        assertThat(migrator.captureMode(MigrationListener.none())).isEqualTo(CaptureMode.LOG);

        old.execute("UPDATE items SET n = n + 1, note = 'small ' || id WHERE id % 10 = 1"); // big unchanged: left out
        old.execute("UPDATE items SET big = 'short now', flag = NULL, doc = '{\"x\": [1, 2.5, null]}' WHERE id % 10 = 2");
        old.execute("UPDATE items SET at = 'infinity', ratio = 'NaN' WHERE id = 3");
        old.execute("UPDATE items SET at = '-infinity', ratio = '-Infinity' WHERE id = 13");
        old.execute("UPDATE items SET id = id + 100000 WHERE id % 10 = 4"); // the key changes
        old.execute("DELETE FROM items WHERE id % 10 = 5");
        old.execute("INSERT INTO items (id, n, note) VALUES (200000, 1, 'new')");
        old.execute("BEGIN; INSERT INTO items (id, n, note) VALUES (200001, 1, 'a');"
                + " UPDATE items SET note = 'b' WHERE id = 200001; DELETE FROM items WHERE id = 200001;"
                + " INSERT INTO items (id, n, note, at) VALUES (200001, 2, 'c', now()); COMMIT");
        // one transaction of ~11,500 changes: more than Debezium hands over at once (10,000) and than the log reader
        // gathers per target transaction (2,000), so it is applied in several, and one key's updates, delete, insert
        // again and update fall into different target transactions
        old.execute("BEGIN; UPDATE items SET n = n + 1, big = CASE WHEN id % 3 = 0 THEN 'b' || id ELSE big END;"
                + " UPDATE items SET n = n + 1; DELETE FROM items WHERE id % 10 = 6; INSERT INTO items (id, n, note)"
                + " SELECT g, 7, 'again' FROM generate_series(6, 3000, 10) g; UPDATE items SET n = n * 2;"
                + " UPDATE items SET note = 'after' WHERE id % 20 = 6; UPDATE items SET amount = n; COMMIT");
        for (int i = 0; i < 200; i++) {
            long id = 1 + random.nextInt(3000);
            if (id == 3) {
                continue; // its 'infinity' is asserted below
            }
            old.execute("UPDATE items SET amount = " + random.nextInt(100000) + " / 7.0, ratio = "
                    + random.nextDouble() + ", at = now() WHERE id = " + id);
        }
        RunReport caught = migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none());
        assertThat(caught.entities().get(0).started()).isEqualTo("log");

        String rows = "SELECT md5(string_agg(i::text, '|' ORDER BY id)) FROM items i";
        assertThat(neu.queryOne("SELECT count(*) FROM items")).as("seed %d", seed)
                .isEqualTo(old.queryOne("SELECT count(*) FROM items"));
        assertThat(neu.queryOne(rows)).as("seed %d", seed).isEqualTo(old.queryOne(rows));
        assertThat(neu.queryOne("SELECT at::text FROM items WHERE id = 3")).isEqualTo("infinity");
        VerifyReport verified = migrator.verify(10);
        assertThat(verified.matches()).as("seed %d: %s", seed, verified).isTrue();
        migrator.finish();
    }
}
