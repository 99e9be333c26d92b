package io.upsilon.spi;

import java.util.Optional;

/** The cluster-wide maintenance flag. */
public interface MaintenanceStore {

    /** The open window, if any. */
    Optional<MaintenanceWindow> current();

    /** Opens the window (or returns the one already open, unchanged) and tells every node at once. */
    MaintenanceWindow enter(String reason, String who);

    /**
     * Closes the window and tells every node at once.
     *
     * @return whether a window was open
     */
    boolean exit();
}
