package io.upsilon.migrate;

import io.upsilon.testsupport.TransferClusters;
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

    final TestDatabase old;
    final TestDatabase neu;

    MigrationFixture(int transfers) {
        this(new TransferClusters(transfers));
    }

    private MigrationFixture(TransferClusters clusters) {
        old = clusters.old;
        neu = clusters.neu;
    }

    /** The old cluster on a server with {@code wal_level=logical}, and no index on (update time, key). */
    static MigrationFixture logical(int transfers) {
        MigrationFixture db = new MigrationFixture(TransferClusters.withLogicalSource(transfers));
        db.old.execute("DROP INDEX transfers_keyset");
        return db;
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
