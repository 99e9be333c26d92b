package io.upsilon.spi;

import java.time.Instant;

/**
 * An open maintenance window: while it is open, the application's gate holds new work.
 *
 * <p>A window with the reason {@link #MOVED} is a retired cluster's: a side-by-side cut-over moved the service to
 * another cluster ({@code location}, when known) and left this window open for good, so the old nodes never take
 * writes again that the new cluster would not receive. Gates refuse work at once there (they do not wait for it to
 * close), and only a forced exit closes it ({@link MaintenanceStore#exit(boolean)}).
 *
 * @param reason   why it was opened
 * @param who      who opened it
 * @param since    when (database time)
 * @param location where the service moved to (a URL), for a {@link #MOVED} window; null when not given
 */
public record MaintenanceWindow(String reason, String who, Instant since, String location) {

    /** The reason of a retired cluster's window. */
    public static final String MOVED = "moved";

    /** A window with no location. */
    public MaintenanceWindow(String reason, String who, Instant since) {
        this(reason, who, since, null);
    }

    /** Whether this is a retired cluster's window ({@link #MOVED}): it stays open until a forced exit. */
    public boolean moved() {
        return MOVED.equals(reason);
    }

    /** "the service moved to URL" (or "to another cluster" without a location), for refusals. */
    public String movedTo() {
        return movedTo(location);
    }

    /** {@link #movedTo()} of a window with {@code location} (null for none). */
    public static String movedTo(String location) {
        return "the service moved " + (location == null ? "to another cluster" : "to " + location);
    }
}
