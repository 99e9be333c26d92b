package io.upsilon.internal;

import io.upsilon.NodeState;
import io.upsilon.Version;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The current state of one node; every transition is logged and published, and FENCED is final. */
final class NodeStateHolder {

    private static final Logger LOG = LoggerFactory.getLogger(NodeStateHolder.class);

    private final String nodeId;
    private final Events events;
    private final Runnable onChange;
    private NodeState state = NodeState.STARTING;
    /** The last state whose event has been delivered; waiters wait on this, so they never run ahead of callbacks. */
    private NodeState published = NodeState.STARTING;

    /** {@code onChange} runs after every transition (the node table learns of it at once, not at the next beat). */
    NodeStateHolder(String nodeId, Events events, Runnable onChange) {
        this.nodeId = nodeId;
        this.events = events;
        this.onChange = onChange;
    }

    synchronized NodeState get() {
        return state;
    }

    void move(NodeState next, Optional<Version> dataVersion) {
        NodeState previous;
        synchronized (this) {
            if (state == next || state == NodeState.FENCED) {
                return;
            }
            previous = state;
            state = next;
        }
        LOG.info("Node {}: {} -> {} (data version {})", nodeId, previous, next,
                dataVersion.map(Version::toString).orElse("none"));
        events.stateChanged(next, dataVersion);
        synchronized (this) {
            published = next;
            notifyAll();
        }
        onChange.run();
    }

    synchronized boolean await(NodeState wanted, Duration timeout) throws InterruptedException {
        return await(s -> s == wanted, timeout);
    }

    /** Waits until the published state satisfies {@code wanted}; false if it did not within {@code timeout}. */
    synchronized boolean await(java.util.function.Predicate<NodeState> wanted, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!wanted.test(published)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
