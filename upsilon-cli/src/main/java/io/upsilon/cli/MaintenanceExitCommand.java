package io.upsilon.cli;

import io.upsilon.spi.MaintenanceWindow;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code upsilon maintenance exit}: closes the window; the nodes take new work again at once. */
@Command(name = "exit", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Closes the maintenance window; every node is told at once (LISTEN/NOTIFY) and its gate lets"
                + " the held work through. Closing a closed window does nothing.")
final class MaintenanceExitCommand extends BaseCommand {

    @Override
    int run(PrintWriter out) {
        try (CliSession session = session(false)) {
            Optional<MaintenanceWindow> before = session.maintenance().current();
            boolean closed = session.maintenance().exit();
            MaintenanceRow row = before.isEmpty() ? null : MaintenanceRow.of(before.get(), session.database().now());
            if (options.json) {
                printJson(out, Json.object("closed", closed, "window", row));
            } else if (closed) {
                out.println("Maintenance window closed" + (row == null ? "" : " (it was open " + row.describe() + ")")
                        + "; the nodes take new work again.");
            } else {
                out.println("No maintenance window was open; nothing to close.");
            }
            return 0;
        }
    }
}
