package io.upsilon.spi;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Tells a node at once when shared state may have changed (PostgreSQL LISTEN/NOTIFY), with polling as the fallback
 * when notifications are lost or unavailable. Every implementation passes
 * {@code io.upsilon.testsupport.AbstractChangeFeedContractTest}.
 */
public interface ChangeFeed {

    /** What can change. */
    enum Topic { DATA_VERSION, MAINTENANCE }

    /**
     * Calls {@code listener} on a feed thread whenever {@code topic} may have changed: at once on a notification, and
     * at least every {@code pollInterval} in any case. The listener re-reads what it needs; it may be called when
     * nothing changed. A listener that throws is called again all the same (the feed logs the failure); each
     * subscription is independent of the others.
     *
     * @return a handle whose {@code close()} stops the calls
     */
    AutoCloseable subscribe(Topic topic, Duration pollInterval, Runnable listener);

    /**
     * Like {@link #subscribe(Topic, Duration, Runnable)}, and hands the listener what a notification announced: for
     * {@link Topic#DATA_VERSION} the committed data version's text. A polling call carries the data version only if
     * the feed read it itself (PostgreSQL's feeds do, once per poll for all the subscribers of a process). The payload
     * is empty when the feed has none, and a listener must then read what it needs. A payload may be older than what
     * the listener read meanwhile (notifications are handled on their own thread), so the listener decides whether
     * to trust it. The default delivers no payloads.
     */
    default AutoCloseable subscribeWithPayload(Topic topic, Duration pollInterval,
                                               Consumer<Optional<String>> listener) {
        return subscribe(topic, pollInterval, () -> listener.accept(Optional.empty()));
    }
}
