package io.upsilon.report;

import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.NodeRegistry;
import java.util.Optional;

/**
 * Closing the maintenance window, as reports show it ({@code upsilon maintenance exit}).
 *
 * @param closed whether a window was open and is closed now
 * @param window the window as it was before; null when none was open
 */
public record MaintenanceExit(boolean closed, MaintenanceRow window) {

    /**
     * Reads the window, then closes it ({@link MaintenanceStore#exit(boolean)}), its age taken against
     * {@code nodes}' clock.
     *
     * @param force also close a retired cluster's window ({@link MaintenanceWindow#MOVED}), which is refused otherwise
     */
    public static MaintenanceExit close(MaintenanceStore maintenance, NodeRegistry nodes, boolean force) {
        Optional<MaintenanceWindow> before = maintenance.current();
        boolean closed = maintenance.exit(force);
        return new MaintenanceExit(closed, before.isEmpty() ? null : MaintenanceRow.of(before.get(), nodes.now()));
    }

    /** What happened, in words: the window closed (and how long it was open), or that none was open. */
    public String summary() {
        return closed ? "Maintenance window closed" + (window == null ? "" : " (it was open " + window.describe() + ")")
                + "; the nodes take new work again." : "No maintenance window was open; nothing to close.";
    }
}
