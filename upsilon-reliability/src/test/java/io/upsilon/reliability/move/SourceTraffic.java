package io.upsilon.reliability.move;

import io.upsilon.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The old cluster's application while the move runs: writer threads that insert, update and delete rows of both
 * entities at a steady rate, each statement its own transaction stamped with {@code clock_timestamp()} (as an
 * application's {@code updated_at} is). {@link #stop()} is the maintenance window's drain: no new statement starts,
 * and it returns once the ones in flight have committed.
 */
public final class SourceTraffic {

    private final TestDatabase source;
    private final AtomicLong nextOrder;
    private final AtomicLong nextCustomer;
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile boolean stopping;
    /** Statements that changed a row, by kind. */
    public final AtomicLong inserts = new AtomicLong();
    public final AtomicLong updates = new AtomicLong();
    public final AtomicLong deletes = new AtomicLong();

    private SourceTraffic(MoveFixture fixture) {
        this.source = fixture.source;
        this.nextOrder = new AtomicLong(fixture.orders + 1L);
        this.nextCustomer = new AtomicLong(fixture.customers + 1L);
    }

    /**
     * Starts {@code writers} threads, each pausing {@code pauseMillis} between statements, with random choices
     * from {@code seed} (one stream per thread; their interleaving is up to the scheduler).
     */
    public static SourceTraffic start(MoveFixture fixture, int writers, long pauseMillis, long seed) {
        SourceTraffic traffic = new SourceTraffic(fixture);
        for (int i = 0; i < writers; i++) {
            Random random = new Random(seed + i);
            Thread t = new Thread(() -> traffic.write(random, pauseMillis), "old-cluster-writer-" + i);
            t.setDaemon(true);
            traffic.threads.add(t);
            t.start();
        }
        return traffic;
    }

    /** Stops every writer and waits for its statement in flight; returns what went wrong in a writer, if anything. */
    public Throwable stop() throws InterruptedException {
        stopping = true;
        for (Thread t : threads) {
            t.join();
        }
        return failure.get();
    }

    public long writes() {
        return inserts.get() + updates.get() + deletes.get();
    }

    private void write(Random random, long pauseMillis) {
        try (Connection c = source.dataSource("old-cluster-app").getConnection();
             PreparedStatement insertOrder = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?, 'new',"
                     + " clock_timestamp())");
             PreparedStatement updateOrder = c.prepareStatement("UPDATE orders SET amount = amount + ?, currency = ?,"
                     + " note = ?, state = ?, legacy = 'touched', updated_at = clock_timestamp() WHERE id = ?");
             PreparedStatement deleteOrder = c.prepareStatement("DELETE FROM orders WHERE id = ?");
             PreparedStatement insertCustomer = c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?,"
                     + " clock_timestamp())");
             PreparedStatement updateCustomer = c.prepareStatement("UPDATE customers SET balance = ?, active = NOT"
                     + " active, updated_at = clock_timestamp() WHERE id = ?");
             PreparedStatement deleteCustomer = c.prepareStatement("DELETE FROM customers WHERE id = ?")) {
            while (!stopping) {
                int dice = random.nextInt(100);
                if (dice < 60) {
                    writeOrder(random, dice, insertOrder, updateOrder, deleteOrder);
                } else {
                    writeCustomer(random, dice, insertCustomer, updateCustomer, deleteCustomer);
                }
                Thread.sleep(pauseMillis);
            }
        } catch (SQLException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeOrder(Random random, int dice, PreparedStatement insert, PreparedStatement update,
                            PreparedStatement delete) throws SQLException {
        if (dice < 20) {
            insert.setLong(1, nextOrder.getAndIncrement());
            insert.setBigDecimal(2, new java.math.BigDecimal(random.nextInt(100_000)).movePointLeft(2));
            insert.setString(3, random.nextBoolean() ? null : "CHF");
            insert.setString(4, MoveFixture.NOTES[random.nextInt(MoveFixture.NOTES.length)]);
            insert.setString(5, new String[] {"A", "C", "P"}[random.nextInt(3)]);
            count(insert.executeUpdate(), inserts);
        } else if (dice < 45) {
            update.setBigDecimal(1, java.math.BigDecimal.ONE);
            update.setString(2, random.nextBoolean() ? null : "GBP");
            update.setString(3, MoveFixture.NOTES[random.nextInt(MoveFixture.NOTES.length)]);
            update.setString(4, new String[] {"A", "C", "P"}[random.nextInt(3)]);
            update.setLong(5, anyId(random, nextOrder));
            count(update.executeUpdate(), updates);
        } else {
            delete.setLong(1, anyId(random, nextOrder));
            count(delete.executeUpdate(), deletes);
        }
    }

    private void writeCustomer(Random random, int dice, PreparedStatement insert, PreparedStatement update,
                               PreparedStatement delete) throws SQLException {
        if (dice < 70) {
            insert.setLong(1, nextCustomer.getAndIncrement());
            insert.setString(2, "new customer " + random.nextInt(1_000));
            insert.setBigDecimal(3, random.nextInt(5) == 0 ? null
                    : new java.math.BigDecimal(random.nextInt(1_000_000)).movePointLeft(2));
            insert.setBoolean(4, random.nextBoolean());
            count(insert.executeUpdate(), inserts);
        } else if (dice < 90) {
            update.setBigDecimal(1, new java.math.BigDecimal(random.nextInt(1_000_000)).movePointLeft(2));
            update.setLong(2, anyId(random, nextCustomer));
            count(update.executeUpdate(), updates);
        } else {
            delete.setLong(1, anyId(random, nextCustomer));
            count(delete.executeUpdate(), deletes);
        }
    }

    /** An id that exists or existed: the initial rows and the ones inserted since. */
    private static long anyId(Random random, AtomicLong next) {
        return 1 + (long) (random.nextDouble() * (next.get() - 1));
    }

    private static void count(int changed, AtomicLong counter) {
        if (changed > 0) {
            counter.incrementAndGet();
        }
    }
}
