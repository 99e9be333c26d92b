package io.upsilon;

import io.upsilon.report.ReportText;
import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.NodeRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Waits, after a maintenance window opened, until every live node has reported zero in-flight work. Only a
 * heartbeat sent after the window opened counts, so a node that was idle just before a burst is not taken as
 * drained.
 *
 * <p>A heartbeat carries a count the node took before the statement reached the database, and its time is the
 * database's when the statement arrived: a beat stamped after the window opened may still carry a count taken just
 * before it, when work that began in between was not yet counted. So {@link #await} trusts a zero only from a beat
 * later than one it has already seen stamped after the window opened: a node beats from one thread, so that count
 * was taken after the earlier beat was written, hence after the window opened. The drain costs up to one heartbeat
 * more, and nothing that began before the window is missed.
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
     * @param live    how many {@link #live} nodes the last read of the node table found
     */
    public record Result(boolean drained, List<NodeRecord> busy, Duration waited, int live) {

        /**
         * A drained result in words: {@code Drained in 1.2 s: all 3 live nodes reported zero in-flight work since the
         * window opened.}, or that no live node is registered; for a drain that is not done, {@code Not drained after
         * 60.0 s: 2 nodes still busy.}
         */
        public String summary() {
            if (!drained) {
                return "Not drained after " + ReportText.duration(waited) + ": "
                        + ReportText.plural(busy.size(), "node") + " still busy.";
            }
            return live == 0 ? "Drained: no live node is registered, so no work is in flight."
                    : "Drained in " + ReportText.duration(waited) + ": " + (live == 1 ? "the live node" : "all " + live
                    + " live nodes") + " reported zero in-flight work since the window opened.";
        }
    }

    /** Hears, while a drain waits, which nodes still hold it up. */
    @FunctionalInterface
    public interface Progress {

        /** Called every {@code every} of the wait while some live node is busy; never after the drain ended. */
        void stillBusy(List<NodeRecord> busy, Duration waited);
    }

    /**
     * Whether a drain waits for {@code node}: a node that is neither gone (its heartbeat expired or it deregistered)
     * nor fenced (marked in the node table, or reporting the FENCED state). Gone and fenced nodes take no new work,
     * so there is nothing of theirs to wait for.
     */
    public static boolean live(NodeRecord node) {
        return !node.gone() && !node.fenced() && node.state() != NodeState.FENCED;
    }

    /**
     * Reads the node table once: drained when every {@link #live} node's last beat, stamped after {@code window}
     * opened, reported zero in-flight work. Does not wait. One read cannot tell a count taken just before the window
     * from one taken after it (see the class comment), so this is the at-a-glance view for a status page; a caller
     * that acts on the drain uses {@link #await}.
     */
    public static Result check(NodeRegistry registry, MaintenanceWindow window) {
        List<NodeRecord> live = live(registry);
        List<NodeRecord> busy = busy(live, window);
        return new Result(busy.isEmpty(), busy, Duration.ZERO, live.size());
    }

    /**
     * Polls the node table until every {@link #live} node has reported zero in-flight work in a beat counted after
     * {@code window} opened (a beat later than one already seen stamped after it), or {@code timeout} passes.
     */
    public static Result await(NodeRegistry registry, MaintenanceWindow window, Duration timeout, Duration poll)
            throws InterruptedException {
        return await(registry, window, timeout, poll, timeout.plusSeconds(1), (busy, waited) -> { });
    }

    /**
     * {@link #await(NodeRegistry, MaintenanceWindow, Duration, Duration)}, telling {@code progress} every
     * {@code every} which nodes still hold the drain up (for an operator watching it).
     */
    public static Result await(NodeRegistry registry, MaintenanceWindow window, Duration timeout, Duration poll,
                               Duration every, Progress progress) throws InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long nextProgress = start + Math.max(1, every.toNanos());
        Map<String, Instant> afterOpening = new HashMap<>();
        while (true) {
            List<NodeRecord> live = live(registry);
            List<NodeRecord> busy = live.stream().filter(n -> !countedIdle(n, window, afterOpening)).toList();
            long now = System.nanoTime();
            Duration waited = Duration.ofNanos(now - start);
            if (busy.isEmpty()) {
                return new Result(true, List.of(), waited, live.size());
            }
            if (now >= deadline) {
                return new Result(false, busy, waited, live.size());
            }
            if (now >= nextProgress) {
                progress.stillBusy(busy, waited);
                nextProgress = now + Math.max(1, every.toNanos());
            }
            Thread.sleep(Math.max(1, Math.min(poll.toMillis(), Duration.ofNanos(deadline - now).toMillis())));
        }
    }

    private static List<NodeRecord> live(NodeRegistry registry) {
        return registry.nodes().stream().filter(MaintenanceDrain::live).toList();
    }

    /**
     * Whether {@code node}'s beat is a zero counted after the window opened: later than the first beat this drain saw
     * stamped after the opening (remembered in {@code afterOpening}).
     */
    private static boolean countedIdle(NodeRecord node, MaintenanceWindow window, Map<String, Instant> afterOpening) {
        if (!node.heartbeatAt().isAfter(window.since())) {
            return false;
        }
        Instant seen = afterOpening.putIfAbsent(node.nodeId(), node.heartbeatAt());
        return seen != null && node.inFlight() == 0 && node.heartbeatAt().isAfter(seen);
    }

    private static List<NodeRecord> busy(List<NodeRecord> live, MaintenanceWindow window) {
        return live.stream().filter(n -> n.inFlight() > 0 || !n.heartbeatAt().isAfter(window.since())).toList();
    }
}
