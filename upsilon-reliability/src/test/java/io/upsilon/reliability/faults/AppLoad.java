package io.upsilon.reliability.faults;

import io.upsilon.testsupport.Seeds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * The application's side of the blocking scenario: threads that each keep one auto-commit connection and read one
 * row of {@code accounts} by key in a loop, as a service would, recording how long each query took. The sessions set
 * no {@code lock_timeout} of their own (most applications don't), so a query queued behind a waiting
 * {@code ALTER TABLE} waits exactly as long as the ALTER does.
 */
public final class AppLoad implements AutoCloseable {

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong queries = new AtomicLong();
    private final AtomicLong maxNanos = new AtomicLong();
    private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> threads = new ArrayList<>();

    private AppLoad() {
    }

    /** Starts {@code threads} readers of {@code accounts} ids 1 to {@code rows} on {@code ds}. */
    public static AppLoad start(DataSource ds, int threads, int rows) {
        AppLoad load = new AppLoad();
        for (int i = 0; i < threads; i++) {
            Random random = Seeds.random("app-reader-" + i);
            Thread thread = new Thread(() -> load.read(ds, rows, random), "app-reader-" + i);
            thread.setDaemon(true);
            load.threads.add(thread);
            thread.start();
        }
        return load;
    }

    private void read(DataSource ds, int rows, Random random) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT balance FROM accounts WHERE id = ?")) {
            while (running.get()) {
                ps.setInt(1, random.nextInt(1, rows + 1));
                long start = System.nanoTime();
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                }
                long took = System.nanoTime() - start;
                maxNanos.accumulateAndGet(took, Math::max);
                queries.incrementAndGet();
                Thread.sleep(2); // a steady rate rather than a busy loop on a shared 2-core machine
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            errors.add(e.toString());
        }
    }

    /** Queries completed so far. */
    public long queries() {
        return queries.get();
    }

    /** The longest single query so far, in milliseconds. */
    public long maxWaitMillis() {
        return maxNanos.get() / 1_000_000;
    }

    /** Failures of the application's queries; a reader stops at its first. */
    public List<String> errors() {
        return List.copyOf(errors);
    }

    /** Stops the readers and waits for them. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(10_000);
        }
    }
}
