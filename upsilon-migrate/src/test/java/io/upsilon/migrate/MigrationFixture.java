package io.upsilon.migrate;

import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * An old and a new cluster (two embedded PostgreSQL servers) with the transfers schema of the quoteId story: the old one has amounts, fees, quote
 * references and a legacy column; the new one renames, adds a currency and a merged quote amount, and keeps fees in
 * a table of their own.
 */
final class MigrationFixture {

    final TestDatabase old = PostgresFixture.newDatabase();
    /** The new cluster: a database on a second embedded server. */
    final TestDatabase neu = PostgresFixture.newDatabaseOnSecondServer();

    MigrationFixture(int transfers) {
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

    /** The spec, written to {@code dir}, with the given batch size. */
    Path spec(Path dir, int batchSize) throws IOException {
        Path spec = dir.resolve("migration.yaml");
        Files.writeString(spec, """
                source: {url: "%s", user: postgres}
                target: {url: "%s", user: postgres}
                overlap: 2s
                entities:
                  - name: transfers
                    source: transfers
                    target: transfers
                    key: [id]
                    updatedAt: updated_at
                    batchSize: %d
                    transforms:
                      - rename: {from: amount, to: amount_minor}
                      - default: {field: currency, value: EUR}
                      - drop: legacy
                      - map: {field: state, values: {A: ACTIVE, C: CLOSED}}
                      - split: {target: transfer_fees, key: [transfer_id], fields: {transfer_id: id, fee: fee}, remove: [fee]}
                      - merge: {from: quotes, on: quote_id, lookup: id, fields: {quote_amount: amount}}
                """.formatted(old.jdbcUrl(), neu.jdbcUrl(), batchSize));
        return spec;
    }

    Migrator migrator(Path spec) {
        MigrationSpec parsed = MigrationSpec.load(spec);
        return Migrator.create(parsed, Stores.source(parsed.source(), Map.of()),
                Stores.target(parsed.target(), Map.of()), getClass().getClassLoader());
    }
}
