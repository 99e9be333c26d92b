package io.upsilon.report;

import io.upsilon.MaintenanceDrain;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.NodeRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Whether the maintenance window is open and whether the nodes have drained, as reports show it
 * ({@code upsilon maintenance status}).
 *
 * @param open    whether a window is open
 * @param window  the open window; null when closed
 * @param drained whether every live node reported zero in-flight work since it opened; null when closed
 * @param busy    the live nodes still busy (or not heard from since it opened); empty when drained or closed
 */
public record MaintenanceReport(boolean open, MaintenanceRow window, Boolean drained, List<NodeRow> busy) {

    public MaintenanceReport {
        busy = List.copyOf(busy);
    }

    /**
     * Reads the window and, when one is open, the node table once ({@link MaintenanceDrain#check}); waits for nothing
     * and changes nothing. Ages are taken against the registry's clock.
     */
    public static MaintenanceReport read(MaintenanceStore maintenance, NodeRegistry nodes) {
        Optional<MaintenanceWindow> window = maintenance.current();
        if (window.isEmpty()) {
            return new MaintenanceReport(false, null, null, List.of());
        }
        MaintenanceDrain.Result drain = MaintenanceDrain.check(nodes, window.get());
        Instant now = nodes.now();
        return new MaintenanceReport(true, MaintenanceRow.of(window.get(), now), drain.drained(),
                NodeRow.of(drain.busy(), now));
    }

    /**
     * The report in words, every line ended by a newline: for a closed window, that the nodes take new work; for an
     * open one, a two-column table (since when, by whom, why, whether drained and who is busy), then until when the
     * nodes hold new work (a retired cluster's refuse it until its window is closed with {@code --yes}).
     */
    public String describe() {
        if (!open) {
            return "Maintenance window: closed; the nodes take new work.\n";
        }
        return new TextTable("", "")
                .row("Maintenance window", "open since " + window.since() + " ("
                        + ReportText.age(window.openForMillis()) + ")")
                .row("Opened by", window.who())
                .row("Reason", window.reason() + (window.location() == null ? "" : " to " + window.location()))
                .row("Drained", drained ? "yes" : "no: " + NodeRow.busy(busy))
                .text("") + (window.moved() ? "This cluster is retired: " + window.movedTo() + "; its nodes refuse"
                + " new work until 'upsilon maintenance exit --yes'." : "Nodes hold new work until 'upsilon maintenance"
                + " exit'.") + "\n";
    }
}
