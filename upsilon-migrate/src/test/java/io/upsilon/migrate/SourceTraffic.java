package io.upsilon.migrate;

import io.upsilon.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The old cluster's traffic during a migration: one writer inserting, updating and deleting transfers at random
 * (seeded) until stopped, and optionally one transaction that inserts rows stamped at its start and holds them
 * uncommitted for a while, as a long business transaction does.
 */
final class SourceTraffic implements AutoCloseable {

    private final Thread writer;
    private final Thread longTransaction;
    private final AtomicLong writes = new AtomicLong();
    private final AtomicReference<Throwable> failed = new AtomicReference<>();
    private volatile boolean stop;

    /**
     * @param rows         the ids 1..rows exist when it starts
     * @param seed         the writer's random seed
     * @param holdLongFor  how long the long transaction stays open; zero for none
     */
    SourceTraffic(TestDatabase old, long rows, long seed, Duration holdLongFor) {
        writer = new Thread(() -> write(old, rows, seed), "old-cluster-traffic");
        longTransaction = new Thread(() -> holdLong(old, holdLongFor), "old-cluster-long-transaction");
        writer.start();
        if (!holdLongFor.isZero()) {
            longTransaction.start();
        }
    }

    long writes() {
        return writes.get();
    }

    /** Stops writing and lets the long transaction commit; rethrows what failed. */
    void stop() throws InterruptedException {
        stop = true;
        writer.join(30_000);
        longTransaction.join(30_000);
        if (failed.get() != null) {
            throw new IllegalStateException("the source traffic failed", failed.get());
        }
    }

    private void write(TestDatabase old, long rows, long seed) {
        Random random = new Random(seed);
        long nextId = 1_000_000;
        try (Connection c = old.dataSource().getConnection(); Statement s = c.createStatement()) {
            while (!stop) {
                nextId = MigrationFixture.writeOne(s, random, (int) rows, nextId);
                if (random.nextInt(50) == 0) {
                    s.execute("UPDATE quotes SET amount = amount + 1 WHERE id = 'q" + (1 + random.nextInt(1000)) + "'");
                }
                writes.incrementAndGet();
                Thread.sleep(2);
            }
        } catch (Exception e) {
            failed.set(e);
        }
    }

    /** Rows stamped with now() (the transaction's start) that commit {@code hold} later. */
    private void holdLong(TestDatabase old, Duration hold) {
        try (Connection c = old.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO transfers SELECT g, 9, 2, 'q5', 'A', NULL, now() FROM generate_series(2000000,"
                    + " 2000099) g");
            Thread.sleep(hold.toMillis());
            c.commit();
        } catch (Exception e) {
            failed.set(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
