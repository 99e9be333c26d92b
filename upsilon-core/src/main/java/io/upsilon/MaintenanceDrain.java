package io.upsilon;

import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.NodeRegistry;
import java.time.Duration;
import java.util.List;

/**
 * Waits, after a maintenance window opened, until every live node has reported zero in-flight work. Only a
 * heartbeat sent after the window opened counts, so a node that was idle just before a burst is not taken as
 * drained.
 */
public final class MaintenanceDrain {

    private MaintenanceDrain() {
    }

    /**
     * The outcome of a drain.
     *
     * @param drained whether every live node reported zero in flight in time
     * @param busy    the nodes still busy (or not yet heard from) when it gave up; empty when drained
     * @param waited  how long it waited
     */
    public record Result(boolean drained, List<NodeRecord> busy, Duration waited) {
    }

    /**
     * Polls the node table until every node that is not gone and not fenced has reported zero in-flight work after
     * {@code window} opened, or {@code timeout} passes.
     */
    public static Result await(NodeRegistry registry, MaintenanceWindow window, Duration timeout, Duration poll)
            throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (true) {
            List<NodeRecord> busy = registry.nodes().stream()
                    .filter(n -> !n.gone() && !n.fenced() && n.state() != NodeState.FENCED)
                    .filter(n -> n.inFlight() > 0 || !n.heartbeatAt().isAfter(window.since()))
                    .toList();
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (busy.isEmpty()) {
                return new Result(true, List.of(), waited);
            }
            if (System.nanoTime() >= deadline) {
                return new Result(false, busy, waited);
            }
            Thread.sleep(Math.max(1, poll.toMillis()));
        }
    }
}
