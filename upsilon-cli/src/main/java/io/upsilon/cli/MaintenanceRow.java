package io.upsilon.cli;

import io.upsilon.spi.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The maintenance window as the {@code maintenance} commands print it.
 *
 * @param since         when it opened (database time)
 * @param openForMillis how long it has been open, on database time
 * @param location      where the service moved, for a retired cluster's window ({@code moved}); null otherwise
 */
record MaintenanceRow(String reason, String who, String since, long openForMillis, String location) {

    static MaintenanceRow of(MaintenanceWindow window, Instant now) {
        return new MaintenanceRow(window.reason(), window.who(), window.since().toString(),
                Math.max(0, Duration.between(window.since(), now).toMillis()), window.location());
    }

    static MaintenanceRow of(Optional<MaintenanceWindow> window, Instant now) {
        return window.map(w -> of(w, now)).orElse(null);
    }

    /** "since 2026-…Z (12 min), by alice: schema cut-over"; the age only once it is a second or more. */
    String describe() {
        return "since " + since + (openForMillis < 1000 ? "" : " (" + Text.age(openForMillis) + ")") + ", by "
                + who + ": " + reason + (location == null ? "" : " to " + location);
    }
}
