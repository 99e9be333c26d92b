package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entities with no transforms between two PostgreSQL servers move as {@code COPY} text: the path is taken for them
 * and only for them, every common type arrives as it left, and catch-up runs (re-read rows, updates, deletes) end
 * with the same table as the row path would.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PassThroughIT {

    /** Every column type a service commonly has, with the values that break naive text handling. */
    private static final String ITEMS = """
            CREATE TABLE items (id bigint PRIMARY KEY, amount numeric, ratio float8, note text, flag boolean,
                born date, at timestamptz, span interval, data bytea, doc jsonb, tags text[], nums int[], ref uuid,
                updated_at timestamptz NOT NULL);
            """;
    private static final String ODD_ITEMS = """
            INSERT INTO items VALUES
              (1, 12345678901234567890.123456789, 0.1, E'quote " comma , tab \\t newline \\n cr \\r end', true,
               '2026-02-28', '2026-01-01 12:00:00.123456+02', '1 year 2 mons 3 days 04:05:06.789', '\\x005c0a0d09ff',
               '{"a": "b\\"c", "d": [1, 2.5, null], "e": "back\\\\slash"}', '{"a,b","c\\"d",NULL,"NULL",""}',
               '{1,NULL,-3}', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11', '2026-01-01 00:00:00+00'),
              (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, '2026-01-01 00:00:00+00'),
              (3, 'NaN', 'Infinity', '', false, 'infinity', '-infinity', '-1 day', '\\x', '[]', '{}', '{}',
               '00000000-0000-0000-0000-000000000000', '2026-01-01 00:00:00+00'),
              (4, -0.000001, 1e-300, E'\\\\N is not null, nor is \\\\ a backslash pair: \\\\\\\\', NULL, NULL, NULL,
               NULL, NULL, '"just a string"', '{"\\\\N","x y"}', NULL, NULL, '2026-01-01 00:00:00+00'),
              (5, 1, -2.5e10, 'unicode: ü € 𝄞 日本', true, '1999-12-31', '1970-01-01 00:00:00+00', '00:00:00.000001',
               decode(repeat('00ff', 1000), 'hex'), '{"nested": {"deep": [{"x": "\\u00fc"}]}}', '{"{braces}"}',
               '{2147483647}', NULL, '2026-01-01 00:00:01+00');
            INSERT INTO items SELECT g, g * 1.5, g / 7.0, 'row ' || g || E'\\twith tab', g % 2 = 0, NULL,
                timestamptz '2026-01-02' + g * interval '1 ms', NULL, int8send(g), jsonb_build_object('g', g),
                ARRAY['t' || g], ARRAY[g::int], NULL, timestamptz '2026-01-01 00:00:02+00' + (g / 3) * interval '1 s'
              FROM generate_series(6, 300) g;
            """;
    /** A text key whose values need quoting when a page's position is written into SQL. */
    private static final String NOTES = """
            CREATE TABLE notes (code text PRIMARY KEY, body text, updated_at timestamptz NOT NULL);
            """;
    private static final String NOTE_ROWS = """
            INSERT INTO notes VALUES ('a''b', 'x', '2026-01-01'), (E'c\\\\d', 'x', '2026-01-01'),
              ('e"f', 'x', '2026-01-01'), ('g,h', 'x', '2026-01-01'), (E'i\\tj', 'x', '2026-01-02'),
              ('k''; DROP TABLE notes; --', 'x', '2026-01-01'), ('ü', 'x', '2026-01-01'), ('', 'x', '2026-01-01');
            """;

    @TempDir
    Path dir;

    private final CountingStores counts = new CountingStores();

    @Test
    void everyCommonTypeArrivesIdenticalInBinaryWhenTheTypesAreTheSame() throws Exception {
        int pages = everyCommonTypeArrivesIdenticalAndCatchUpsMatch(ITEMS);
        assertThat(counts.binaryPages.get()).isEqualTo(pages);
    }

    @Test
    void everyCommonTypeArrivesIdenticalInTextWhenATypeDiffers() throws Exception {
        everyCommonTypeArrivesIdenticalAndCatchUpsMatch(ITEMS.replace("note text", "note varchar(200)"));
        assertThat(counts.binaryPages.get()).as("items as text; notes, same types, in binary").isEqualTo(5 + 2);
    }

    /** Returns the number of COPY pages read. */
    private int everyCommonTypeArrivesIdenticalAndCatchUpsMatch(String targetItems) throws Exception {
        TestDatabase old = PostgresFixture.newDatabase();
        TestDatabase neu = PostgresFixture.newDatabaseOnSecondServer();
        old.execute(ITEMS + ODD_ITEMS + NOTES + NOTE_ROWS);
        neu.execute(targetItems + NOTES);
        Path spec = spec(old, neu, """
                  - {name: items, source: items, target: items, key: [id], updatedAt: updated_at, batchSize: 7}
                  - {name: notes, source: notes, target: notes, key: [code], updatedAt: updated_at, batchSize: 2}
                """);
        Migrator migrator = migrator(spec, counts);
        RunReport first = migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none());

        assertThat(first.entities()).extracting(RunReport.Entity::rowsRead).containsExactly(300L, 8L);
        assertThat(counts.copyPages.get()).as("identity entities read COPY pages").isEqualTo(43 + 5);
        assertThat(counts.copyWrites.get()).isEqualTo(43 + 4); // 300 rows in pages of 7, 8 in pages of 2
        assertThat(counts.rowPages.get() + counts.rowWrites.get()).as("and never rows").isZero();
        assertSame(old, neu);
        assertThat(migrator.verify(10).matches()).isTrue();
        assertThat(neu.queryOne("SELECT key_values::jsonb ->> 0 FROM upsilon_migration_checkpoint"
                + " WHERE entity = 'notes'")).as("the checkpoint holds the last row's key, unescaped").isEqualTo("i\tj");

        // a catch-up: the overlap re-reads rows already there (the staging path), plus updates, inserts, deletes
        old.execute("""
                UPDATE items SET note = E'changed \\\\ "again"\\n', doc = '{"k": "v\\\\"}', tags = '{"x,y"}',
                    updated_at = '2026-03-01' WHERE id % 10 = 0;
                INSERT INTO items (id, note, updated_at) SELECT g, E'new\\t' || g, '2026-03-02'
                    FROM generate_series(301, 320) g;
                DELETE FROM items WHERE id BETWEEN 100 AND 104;
                UPDATE notes SET body = E'y\\\\', updated_at = '2026-03-01' WHERE code = 'a''b';
                """);
        RunReport catchUp = migrator(spec, counts).run(Optional.empty(), Migrator.Deletes.PROPAGATE,
                MigrationListener.none());
        assertThat(catchUp.entities()).extracting(RunReport.Entity::started).containsOnly("checkpoint");
        assertThat(catchUp.entities().get(0).fresh()).isEqualTo(30 + 20 - 1); // id 100 changed but is deleted
        assertThat(catchUp.entities().get(0).deleted()).isEqualTo(5);
        assertThat(counts.rowPages.get() + counts.rowWrites.get()).isZero();
        assertSame(old, neu);
        assertThat(migrator.verify(10).matches()).isTrue();
        return counts.copyPages.get();
    }

    @Test
    void aKeyTwiceInOnePageEndsAsItsLastRow() throws Exception {
        TestDatabase old = PostgresFixture.newDatabase();
        TestDatabase neu = PostgresFixture.newDatabaseOnSecondServer();
        old.execute("CREATE TABLE events (id int, state text, updated_at timestamptz);"
                + " INSERT INTO events SELECT g % 5, 'state ' || g, timestamptz '2026-01-01' + g * interval '1 s'"
                + " FROM generate_series(1, 20) g");
        neu.execute("CREATE TABLE events (id int PRIMARY KEY, state text, updated_at timestamptz)");
        Path spec = spec(old, neu, """
                  - {name: events, source: events, target: events, key: [id], updatedAt: updated_at, batchSize: 8}
                """);
        CountingStores counts = new CountingStores();
        migrator(spec, counts).run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none());

        assertThat(counts.copyWrites.get()).isEqualTo(3);
        // the latest update of each key wins, as on the row path: ids 1..4 last at 16..19, id 0 at 20
        assertThat(neu.queryOne("SELECT string_agg(id || '=' || state, ',' ORDER BY id) FROM events"))
                .isEqualTo("0=state 20,1=state 16,2=state 17,3=state 18,4=state 19");
    }

    @Test
    void entitiesWithTransformsTakeTheRowPath() throws Exception {
        Path spec = new MigrationFixture(2_000).spec(dir, 500);
        CountingStores counts = new CountingStores();
        RunReport run = migrator(spec, counts).run(Optional.empty(), Migrator.Deletes.IGNORE,
                MigrationListener.none());

        assertThat(run.entities().get(0).rowsRead()).isEqualTo(2_000);
        assertThat(counts.rowPages.get()).isEqualTo(5);
        assertThat(counts.rowWrites.get()).isEqualTo(4);
        assertThat(counts.copyPages.get() + counts.copyWrites.get()).isZero();
    }

    private Path spec(TestDatabase old, TestDatabase neu, String entities) throws Exception {
        Path spec = dir.resolve("pass-through.yaml");
        Files.writeString(spec, """
                source: {url: "%s", user: postgres}
                target: {url: "%s", user: postgres}
                overlap: 1s
                entities:
                """.formatted(old.jdbcUrl(), neu.jdbcUrl()) + entities);
        return spec;
    }

    private static Migrator migrator(Path file, CountingStores counts) {
        MigrationSpec spec = MigrationSpec.load(file);
        return Migrator.create(spec, counts.source(Stores.source(spec.source(), Map.of())),
                counts.target(Stores.target(spec.target(), Map.of())), PassThroughIT.class.getClassLoader());
    }

    /** Every row of both tables as PostgreSQL prints it, column by column, on both servers. */
    private static void assertSame(TestDatabase old, TestDatabase neu) {
        for (String sql : new String[] {"SELECT string_agg(t::text, E'\\n' ORDER BY id) FROM items t",
                "SELECT string_agg(t::text, E'\\n' ORDER BY code) FROM notes t"}) {
            Object expected = old.queryOne(sql);
            assertThat(expected).isNotNull();
            assertThat(neu.queryOne(sql)).as(sql).isEqualTo(expected);
        }
    }
}
