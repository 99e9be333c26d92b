package io.upsilon.spi;

import java.time.Duration;

/**
 * Tells a node at once when shared state may have changed (PostgreSQL LISTEN/NOTIFY), with polling as the fallback
 * when notifications are lost or unavailable.
 */
public interface ChangeFeed {

    /** What can change. */
    enum Topic { DATA_VERSION, MAINTENANCE }

    /**
     * Calls {@code listener} on a feed thread whenever {@code topic} may have changed: at once on a notification, and
     * at least every {@code pollInterval} in any case. The listener re-reads what it needs; it may be called when
     * nothing changed.
     *
     * @return a handle whose {@code close()} stops the calls
     */
    AutoCloseable subscribe(Topic topic, Duration pollInterval, Runnable listener);
}
