package io.upsilon.cli;

import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An old and a new database for {@code upsilon migrate} (the schema of upsilon-migrate's own tests): the old one has
 * transfers with amounts, fees, quote references and a legacy column, ten per second of update time from
 * 2026-01-01 00:00; the new one renames the amount, adds a currency and a merged quote amount, and keeps fees in a
 * table of their own.
 */
final class MigrationDatabases {

    final TestDatabase old = PostgresFixture.newDatabase();
    final TestDatabase neu = PostgresFixture.newDatabase();

    MigrationDatabases(int transfers) {
        old.execute("""
                CREATE TABLE quotes (id text PRIMARY KEY, amount numeric NOT NULL);
                INSERT INTO quotes SELECT 'q' || g, g * 1.5 FROM generate_series(1, 1000) g;
                CREATE TABLE transfers (id bigint PRIMARY KEY, amount numeric NOT NULL, fee numeric,
                    quote_id text, state text NOT NULL, legacy text, updated_at timestamptz NOT NULL);
                CREATE INDEX transfers_keyset ON transfers (updated_at, id);
                """);
        old.execute("INSERT INTO transfers SELECT g, g % 1000 + 0.25, CASE WHEN g % 7 = 0 THEN NULL ELSE g % 13 END,"
                + " CASE WHEN g % 5 = 0 THEN NULL ELSE 'q' || (g % 1200) END, CASE WHEN g % 2 = 0 THEN 'A' ELSE 'C' END,"
                + " 'x', timestamptz '2026-01-01' + (g / 10) * interval '1 second' FROM generate_series(1, "
                + transfers + ") g");
        neu.execute("""
                CREATE TABLE transfers (id bigint PRIMARY KEY, amount_minor numeric NOT NULL, currency text NOT NULL,
                    quote_id text, quote_amount numeric, state text NOT NULL, updated_at timestamptz NOT NULL);
                CREATE TABLE transfer_fees (transfer_id bigint PRIMARY KEY, fee numeric);
                """);
    }

    /** The spec in {@code dir}: passwords from $OLD_DB_PASSWORD and $NEW_DB_PASSWORD, pages of {@code batchSize}. */
    Path spec(Path dir, int batchSize) throws IOException {
        return spec(dir, batchSize, "{from: amount, to: amount_minor}");
    }

    /** The same with another rename, e.g. one that names a field the source lacks. */
    Path spec(Path dir, int batchSize, String rename) throws IOException {
        Path spec = dir.resolve("migration.yaml");
        Files.writeString(spec, """
                source: {url: "%s", user: postgres, passwordEnv: OLD_DB_PASSWORD}
                target: {url: "%s", user: postgres, passwordEnv: NEW_DB_PASSWORD}
                overlap: 2s
                entities:
                  - name: transfers
                    source: transfers
                    target: transfers
                    key: [id]
                    updatedAt: updated_at
                    batchSize: %d
                    transforms:
                      - rename: %s
                      - default: {field: currency, value: EUR}
                      - drop: legacy
                      - map: {field: state, values: {A: ACTIVE, C: CLOSED}}
                      - split: {target: transfer_fees, key: [transfer_id], fields: {transfer_id: id, fee: fee}, remove: [fee]}
                      - merge: {from: quotes, on: quote_id, lookup: id, fields: {quote_amount: amount}}
                """.formatted(old.jdbcUrl(), neu.jdbcUrl(), batchSize, rename));
        return spec;
    }
}
