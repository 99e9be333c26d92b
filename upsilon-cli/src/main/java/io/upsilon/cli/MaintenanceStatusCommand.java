package io.upsilon.cli;

import io.upsilon.report.MaintenanceReport;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code upsilon maintenance status}: whether the window is open and whether the nodes have drained. */
@Command(name = "status", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Shows whether the maintenance window is open, since when, by whom and why, and whether the"
                + " nodes have drained (every live node reported zero in-flight work since it opened). Changes"
                + " nothing.")
final class MaintenanceStatusCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;

    @Override
    int run(PrintWriter out) {
        try (CliSession session = session(false)) {
            MaintenanceReport report = MaintenanceReport.read(session.maintenance(), session.nodes());
            print(out, report, () -> out.print(report.describe()));
            return 0;
        }
    }
}
