package io.upsilon.spi;

import java.time.Instant;

/**
 * An open maintenance window: while it is open, the application's gate holds new work.
 *
 * @param reason why it was opened
 * @param who    who opened it
 * @param since  when (database time)
 */
public record MaintenanceWindow(String reason, String who, Instant since) {
}
