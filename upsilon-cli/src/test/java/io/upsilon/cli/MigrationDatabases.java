package io.upsilon.cli;

import io.upsilon.testsupport.TransferClusters;
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

    final TestDatabase old;
    final TestDatabase neu;

    MigrationDatabases(int transfers) {
        this(new TransferClusters(transfers));
    }

    private MigrationDatabases(TransferClusters clusters) {
        old = clusters.old;
        neu = clusters.neu;
    }

    /** The old database on a server with {@code wal_level=logical}: log capture. */
    static MigrationDatabases logical(int transfers) {
        return new MigrationDatabases(TransferClusters.withLogicalSource(transfers));
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
