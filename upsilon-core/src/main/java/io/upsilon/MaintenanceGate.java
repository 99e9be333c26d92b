package io.upsilon;

import io.upsilon.spi.ChangeFeed;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.MaintenanceWindow;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the application's new work while the cluster's maintenance window is open. The window's state is cached
 * and refreshed by the change feed (at once on a notification, else by polling), so {@link #await()} costs no
 * database round trip while the window is closed.
 *
 * <pre>{@code
 * gate.await();                                   // waits up to maxWait, then throws MAINTENANCE (HTTP 503)
 * try (UpsilonNode.Work work = node.beginWork()) { ... }
 * }</pre>
 */
public final class MaintenanceGate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MaintenanceGate.class);

    private final MaintenanceStore store;
    private final ChangeFeed feed;
    private final Duration maxWait;
    private final Duration pollInterval;
    private Optional<MaintenanceWindow> window = Optional.empty();
    private AutoCloseable subscription;

    private MaintenanceGate(MaintenanceStore store, ChangeFeed feed, Duration maxWait, Duration pollInterval) {
        this.store = store;
        this.feed = feed;
        this.maxWait = maxWait;
        this.pollInterval = pollInterval;
    }

    /**
     * @param maxWait      how long new work may wait for the window to close before it is refused
     * @param pollInterval the polling fallback behind notifications
     */
    public static MaintenanceGate create(MaintenanceStore store, ChangeFeed feed, Duration maxWait,
                                         Duration pollInterval) {
        if (maxWait == null || maxWait.isNegative() || pollInterval == null || pollInterval.isNegative()
                || pollInterval.isZero()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "the gate's wait must be >= 0 and its poll interval > 0");
        }
        return new MaintenanceGate(Objects.requireNonNull(store), Objects.requireNonNull(feed), maxWait, pollInterval);
    }

    /** Reads the window once and subscribes to its changes. */
    public synchronized MaintenanceGate start() {
        refresh();
        subscription = feed.subscribe(ChangeFeed.Topic.MAINTENANCE, pollInterval, this::refresh);
        return this;
    }

    private void refresh() {
        try {
            Optional<MaintenanceWindow> now = store.current();
            synchronized (this) {
                window = now;
                notifyAll();
            }
        } catch (RuntimeException e) {
            // keep the last known state: a store hiccup must not open or close the gate by itself
            LOG.warn("Could not read the maintenance window: {}", e.getMessage());
        }
    }

    /** The open window, as last seen. */
    public synchronized Optional<MaintenanceWindow> window() {
        return window;
    }

    /** The {@code Retry-After} to suggest when work is refused: the gate's own wait. */
    public Duration retryAfter() {
        return maxWait.isZero() ? Duration.ofSeconds(1) : maxWait;
    }

    /**
     * Returns at once while the window is closed; otherwise waits up to the gate's bound for it to close. A retired
     * cluster's window ({@link MaintenanceWindow#moved()}) never closes by itself: work is refused at once there, also
     * work that was already waiting when the window turned into one.
     *
     * @return how long the work was held
     * @throws UpsilonException {@link ErrorCode#MAINTENANCE} if the window stayed open for the whole bound,
     *                          {@link ErrorCode#MOVED} if this cluster is retired
     */
    public synchronized Duration await() throws InterruptedException {
        if (window.isEmpty()) {
            return Duration.ZERO;
        }
        long start = System.nanoTime();
        long deadline = start + maxWait.toNanos();
        while (window.isPresent()) {
            checkNotMoved();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                MaintenanceWindow open = window.get();
                throw new UpsilonException(ErrorCode.MAINTENANCE, "maintenance window open since " + open.since()
                        + " (" + open.reason() + "); retry in " + retryAfter().toSeconds() + " s");
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Refuses at once if this cluster is retired, without waiting: for the write guard
     * ({@code UpsilonNode.checkWritable()} of a node built with this gate).
     *
     * @throws UpsilonException {@link ErrorCode#MOVED}, naming where the service moved
     */
    public synchronized void checkNotMoved() {
        if (window.isPresent() && window.get().moved()) {
            throw new UpsilonException(ErrorCode.MOVED, "this cluster is retired since " + window.get().since()
                    + ": " + window.get().movedTo() + "; send the request there");
        }
    }

    @Override
    public synchronized void close() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("Closing the maintenance subscription failed: {}", e.getMessage());
            }
        }
    }
}
