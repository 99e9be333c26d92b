package io.upsilon.migrate;

import io.upsilon.testsupport.TransferClusters;
import io.upsilon.testsupport.TestDatabase;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

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

    /**
     * Live traffic on {@code db}'s transfers until {@code stop} is set: {@link #writeOne} after another,
     * {@code pauseMillis} apart, chosen by {@code seed}.
     */
    static void writeTransfers(TestDatabase db, AtomicBoolean stop, AtomicLong writes, long seed, int ids,
                               long pauseMillis) {
        Random random = new Random(seed);
        long nextId = 1_000_000;
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            while (!stop.get()) {
                nextId = writeOne(s, random, ids, nextId);
                writes.incrementAndGet();
                Thread.sleep(pauseMillis);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * One insert (of {@code nextId}), update or delete of a transfer {@code 1..ids}, drawn from {@code random} (the
     * key first, then the kind); returns the next new id.
     */
    static long writeOne(Statement s, Random random, int ids, long nextId) throws SQLException {
        int id = 1 + random.nextInt(ids);
        switch (random.nextInt(3)) {
            case 0 -> s.execute("INSERT INTO transfers VALUES (" + nextId++ + ", 5, 1, 'q3', 'A', NULL,"
                    + " clock_timestamp())");
            case 1 -> s.execute("UPDATE transfers SET state = 'C', amount = amount + 1, updated_at ="
                    + " clock_timestamp() WHERE id = " + id);
            default -> s.execute("DELETE FROM transfers WHERE id = " + id);
        }
        return nextId;
    }
}
