package io.upsilon.report;

import io.upsilon.spi.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The maintenance window as reports show it ({@code upsilon maintenance enter|exit|status}).
 *
 * @param reason        why it opened; {@code moved} for a cluster a side-by-side cut-over retired
 * @param who           who opened it
 * @param since         when it opened (database time)
 * @param openForMillis how long it has been open, on database time, never negative
 * @param location      where the service moved, for a retired cluster's window ({@code moved}); null otherwise
 */
public record MaintenanceRow(String reason, String who, String since, long openForMillis, String location) {

    /** The row of {@code window}, its age taken at {@code now} (the database's time). */
    public static MaintenanceRow of(MaintenanceWindow window, Instant now) {
        return new MaintenanceRow(window.reason(), window.who(), window.since().toString(),
                Math.max(0, Duration.between(window.since(), now).toMillis()), window.location());
    }

    /** The row of a window that may be closed: null then. */
    public static MaintenanceRow of(Optional<MaintenanceWindow> window, Instant now) {
        return window.map(w -> of(w, now)).orElse(null);
    }

    /** {@code since 2026-…Z (12 min), by alice: schema cut-over}; the age only once it is a second or more. */
    public String describe() {
        return "since " + since + (openForMillis < 1000 ? "" : " (" + ReportText.age(openForMillis) + ")") + ", by "
                + who + ": " + reason + (location == null ? "" : " to " + location);
    }

    /** Whether this is a retired cluster's window ({@link MaintenanceWindow#MOVED}). */
    public boolean moved() {
        return MaintenanceWindow.MOVED.equals(reason);
    }

    /** {@link MaintenanceWindow#movedTo()}: where the service moved, for a retired cluster's window. */
    public String movedTo() {
        return MaintenanceWindow.movedTo(location);
    }
}
