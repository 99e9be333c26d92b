package io.upsilon.spi;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.util.Optional;

/**
 * The cluster-wide maintenance flag: every node's store object sees the same window. Every implementation passes
 * {@code io.upsilon.testsupport.AbstractMaintenanceStoreContractTest}.
 */
public interface MaintenanceStore {

    /** The open window, if any. */
    Optional<MaintenanceWindow> current();

    /** Opens the window (or returns the one already open, unchanged) and tells every node at once. */
    MaintenanceWindow enter(String reason, String who);

    /**
     * Closes the window, whatever its reason, and tells every node at once. Operators' tools call
     * {@link #exit(boolean)} instead, which keeps a retired cluster closed.
     *
     * @return whether a window was open
     */
    boolean exit();

    /**
     * Closes the window unless it is a retired cluster's ({@link MaintenanceWindow#moved()}) and {@code force} is
     * false.
     *
     * @return whether a window was open
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} for a {@link MaintenanceWindow#MOVED} window without
     *                          {@code force}, naming where the service moved and the remedy
     */
    default boolean exit(boolean force) {
        if (!force) {
            current().filter(MaintenanceWindow::moved).ifPresent(w -> {
                throw refusedExit(w);
            });
        }
        return exit();
    }

    /**
     * Turns the open window into a retired cluster's ({@link MaintenanceWindow#MOVED}, with the new location), or
     * opens one so, in one step: the window never closes in between, so no node takes new work meanwhile. Keeps the
     * time it opened. Tells every node at once.
     *
     * @param location where the service moved to, or null
     * @throws UnsupportedOperationException if this store cannot change a window in one step
     */
    default MaintenanceWindow retire(String who, String location) {
        throw new UnsupportedOperationException(getClass().getName() + " cannot retire a cluster");
    }

    /** The refusal of a plain exit on a retired cluster's window. */
    static UpsilonException refusedExit(MaintenanceWindow window) {
        return new UpsilonException(ErrorCode.BAD_INPUT, "this cluster's maintenance window was left open by a"
                + " side-by-side cut-over (reason " + MaintenanceWindow.MOVED + ", since " + window.since() + "): "
                + window.movedTo() + ", and writes taken here would never reach it; to reopen this cluster"
                + " anyway, run 'upsilon maintenance exit --yes' (or force: true on POST /maintenance)");
    }
}
