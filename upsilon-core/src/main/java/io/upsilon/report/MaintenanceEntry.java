package io.upsilon.report;

import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.NodeRegistry;
import java.time.Instant;
import java.util.Optional;

/**
 * Opening the maintenance window, as reports show it ({@code upsilon maintenance enter}).
 *
 * @param opened whether this call opened it; false when a window was open already (it is left as it is)
 * @param window the window that is open now
 */
public record MaintenanceEntry(boolean opened, MaintenanceRow window) {

    /**
     * Opens the window ({@link MaintenanceStore#enter}; an open window is left as it is), its age taken against
     * {@code nodes}' clock.
     */
    public static MaintenanceEntry enter(MaintenanceStore maintenance, NodeRegistry nodes, String reason, String who) {
        Optional<MaintenanceWindow> before = maintenance.current();
        return of(before, maintenance.enter(reason, who), reason, who, nodes.now());
    }

    /**
     * The entry of a {@link MaintenanceStore#enter} call that returned {@code window}: opened by it when no window was
     * open {@code before} and the open one has this call's reason and who.
     *
     * @param now the database's time, for the window's age
     */
    public static MaintenanceEntry of(Optional<MaintenanceWindow> before, MaintenanceWindow window, String reason,
                                      String who, Instant now) {
        boolean opened = before.isEmpty() && window.reason().equals(reason) && window.who().equals(who);
        return new MaintenanceEntry(opened, MaintenanceRow.of(window, now));
    }

    /**
     * What happened, in words: {@code Opened the maintenance window (since ..., by alice: cut-over).}, or that one
     * was open already.
     */
    public String summary() {
        return opened ? "Opened the maintenance window (" + window.describe() + ")."
                : "A maintenance window is already open (" + window.describe() + "); left as it is.";
    }

    /** The {@link #summary()}, then until when the nodes hold new work; every line ended by a newline. */
    public String describe() {
        return summary() + "\nNodes hold new work until 'upsilon maintenance exit'.\n";
    }
}
