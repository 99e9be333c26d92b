package io.upsilon.reliability.move;

import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The old and the new cluster of the side-by-side scenario, on two embedded PostgreSQL servers. Two entities move:
 * {@code orders} through the general path (rename {@code amount} to {@code amount_minor}, default a null
 * {@code currency} to EUR, drop {@code legacy}, map the state codes) and {@code customers} as an identity copy. Both
 * source tables have a primary key, an {@code updated_at} column and the {@code (updated_at, id)} index keyset
 * pagination reads by. Notes hold the characters text and CSV forms get wrong (tabs, line breaks, backslashes,
 * quotes, empty strings next to nulls), so a copy that mangles a value shows up as a mismatch.
 */
public final class MoveFixture {

    /** The values written into {@code orders.note}, null included; shared with the writers. */
    static final String[] NOTES = {null, "", "plain", "tab\there", "line\nbreak", "back\\slash", "quote\"d",
            "comma,semi;", "\\N", "ünïcødé €", "it's"};

    /** The old cluster's database: the source. */
    public final TestDatabase source = PostgresFixture.newDatabase();
    /** The new cluster's database, on a second server: the target. */
    public final TestDatabase target = PostgresFixture.newDatabaseOnSecondServer();
    /** Rows of {@code orders} the source starts with; ids 1..orders. */
    public final int orders;
    /** Rows of {@code customers} the source starts with; ids 1..customers. */
    public final int customers;

    /** Both clusters with the schema, the source filled, the target empty. */
    public MoveFixture(int orders, int customers) {
        this.orders = orders;
        this.customers = customers;
        source.execute("""
                CREATE TABLE orders (id bigint PRIMARY KEY, amount numeric NOT NULL, currency text, note text,
                    state text NOT NULL, legacy text, updated_at timestamptz NOT NULL);
                CREATE INDEX orders_keyset ON orders (updated_at, id);
                CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, balance numeric(14, 2),
                    active boolean NOT NULL, updated_at timestamptz NOT NULL);
                CREATE INDEX customers_keyset ON customers (updated_at, id);
                """);
        // initial update times lie in the past, 50 ms apart (a table's history, not one burst), so the writers'
        // clock_timestamp() is newer and the overlap a resumed run re-reads holds a few dozen initial rows
        source.execute("INSERT INTO orders SELECT g, (g % 997) + 0.25, CASE WHEN g % 3 = 0 THEN NULL ELSE 'USD' END,"
                + " (ARRAY['plain', NULL, 'tab\there', 'line' || chr(10) || 'break', '', 'back\\slash'])[g % 6 + 1],"
                + " (ARRAY['A', 'C', 'P'])[g % 3 + 1], 'legacy ' || g,"
                + " now() - interval '1 day' + g * interval '50 milliseconds' FROM generate_series(1, " + orders + ") g");
        source.execute("INSERT INTO customers SELECT g, 'customer ' || g, CASE WHEN g % 11 = 0 THEN NULL"
                + " ELSE g * 1.25 END, g % 2 = 0, now() - interval '1 day' + g * interval '50 milliseconds'"
                + " FROM generate_series(1, " + customers + ") g");
        source.execute("ANALYZE orders; ANALYZE customers");
        target.execute("""
                CREATE TABLE orders (id bigint PRIMARY KEY, amount_minor numeric NOT NULL, currency text NOT NULL,
                    note text, state text NOT NULL, updated_at timestamptz NOT NULL);
                CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL, balance numeric(14, 2),
                    active boolean NOT NULL, updated_at timestamptz NOT NULL);
                """);
    }

    /** Writes the migration spec to {@code dir} and returns its path. */
    public Path spec(Path dir, int batchSize) throws IOException {
        Path spec = dir.resolve("side-by-side.yaml");
        Files.writeString(spec, """
                source: {url: "%s", user: postgres}
                target: {url: "%s", user: postgres}
                overlap: 2s
                entities:
                  - name: orders
                    source: orders
                    target: orders
                    key: [id]
                    updatedAt: updated_at
                    batchSize: %d
                    transforms:
                      - rename: {from: amount, to: amount_minor}
                      - default: {field: currency, value: EUR}
                      - drop: legacy
                      - map: {field: state, values: {A: ACTIVE, C: CLOSED}}
                  - name: customers
                    source: customers
                    target: customers
                    key: [id]
                    updatedAt: updated_at
                    batchSize: %d
                """.formatted(source.jdbcUrl(), target.jdbcUrl(), batchSize, batchSize));
        return spec;
    }
}
