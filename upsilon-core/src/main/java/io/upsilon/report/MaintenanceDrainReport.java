package io.upsilon.report;

import io.upsilon.ErrorCode;
import io.upsilon.MaintenanceDrain;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.NodeRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Opening the maintenance window and waiting for its drain, as reports show it ({@code upsilon maintenance enter
 * --drain}): in words ({@link #describe()}), and as a record for JSON ({@link #view()}).
 */
public final class MaintenanceDrainReport {

    private final MaintenanceEntry entry;
    private final MaintenanceDrain.Result drain;
    /** The nodes still busy when it gave up, their ages on the registry's clock; empty when drained. */
    private final List<NodeRow> busy;
    private final Duration timeout;

    private MaintenanceDrainReport(MaintenanceEntry entry, MaintenanceDrain.Result drain, List<NodeRow> busy,
                                   Duration timeout) {
        this.entry = entry;
        this.drain = drain;
        this.busy = busy;
        this.timeout = timeout;
    }

    /**
     * The report as {@code --json} shows it.
     *
     * @param opened       whether this call opened the window ({@link MaintenanceEntry#opened()})
     * @param window       the window that is open now
     * @param drained      whether every live node reported zero in-flight work in time
     * @param busy         the nodes still busy when it gave up; empty when drained
     * @param waitedMillis how long it waited
     * @param error        the {@code DRAIN_TIMEOUT} failure with its remedy; null when drained
     */
    public record View(boolean opened, MaintenanceRow window, boolean drained, List<NodeRow> busy, long waitedMillis,
                       ErrorRow error) {
    }

    /**
     * Opens the window ({@link MaintenanceStore#enter}; an open window is left as it is) and waits up to
     * {@code timeout} for every live node to report zero in-flight work ({@link MaintenanceDrain#await}, reading the
     * node table every {@code poll}). The window stays open either way.
     *
     * @param every    how often {@code progress} hears which nodes still hold the drain up
     * @param progress hears lines for an operator watching: the opening, that the drain waits, and every
     *                 {@code every} the busy nodes ({@code   1.0 s: waiting for 1 node: web-1 (3 in flight)})
     */
    public static MaintenanceDrainReport enter(MaintenanceStore maintenance, NodeRegistry nodes, String reason,
                                               String who, Duration timeout, Duration poll, Duration every,
                                               Consumer<String> progress) throws InterruptedException {
        Optional<MaintenanceWindow> before = maintenance.current();
        MaintenanceWindow window = maintenance.enter(reason, who);
        MaintenanceEntry entry = MaintenanceEntry.of(before, window, reason, who, nodes.now());
        progress.accept(entry.summary());
        progress.accept("Draining: waiting up to " + timeout.toSeconds() + " s for every live node to report zero"
                + " in-flight work...");
        MaintenanceDrain.Result result = MaintenanceDrain.await(nodes, window, timeout, poll, every,
                (stillBusy, waited) -> progress.accept("  " + ReportText.duration(waited) + ": waiting for "
                        + ReportText.plural(stillBusy.size(), "node") + ": "
                        + NodeRow.busy(NodeRow.of(stillBusy, nodes))));
        return new MaintenanceDrainReport(entry, result, NodeRow.of(result.busy(), nodes), timeout);
    }

    /**
     * The failure of a drain that timed out, naming the busy nodes and the remedies (wait longer, or close the
     * window); empty when drained.
     */
    public Optional<ErrorRow> error() {
        return drain.drained() ? Optional.empty() : Optional.of(ErrorRow.of(ErrorCode.DRAIN_TIMEOUT,
                "not drained within " + timeout.toSeconds() + " s: " + ReportText.plural(busy.size(), "node")
                + " still busy (" + NodeRow.busy(busy) + "); the maintenance window stays open: wait longer with"
                + " 'upsilon maintenance enter --drain --drain-timeout SECONDS', or close it with 'upsilon maintenance"
                + " exit'"));
    }

    /** The report as {@code --json} shows it. */
    public View view() {
        return new View(entry.opened(), entry.window(), drain.drained(), busy, drain.waited().toMillis(),
                error().orElse(null));
    }

    /**
     * What happened, in words: the {@link MaintenanceDrain.Result#summary() drain's summary}, or for a drain that
     * timed out the busy nodes as a table and that the window stays open; every line ends with a newline.
     */
    public String describe() {
        if (drain.drained()) {
            return drain.summary() + "\n";
        }
        return "Not drained after " + ReportText.duration(drain.waited()) + "; still busy:\n"
                + NodeRow.table(busy).text("  ")
                + "The maintenance window stays open; close it with 'upsilon maintenance exit'.\n";
    }
}
