package io.upsilon.cli;

import io.upsilon.report.MaintenanceExit;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code upsilon maintenance exit [--yes]}: closes the window; the nodes take new work again at once. A retired
 * cluster's window (reason {@code moved}) closes only with {@code --yes}.
 */
@Command(name = "exit", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Closes the maintenance window; every node is told at once (LISTEN/NOTIFY) and its gate lets"
                + " the held work through. Closing a closed window does nothing.",
                "A cluster a side-by-side cut-over retired (window reason 'moved') is refused (exit 2): its writes"
                        + " would never reach the cluster the service moved to. --yes confirms reopening it anyway."})
final class MaintenanceExitCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;

    @Option(names = "--yes", description = "Confirm: also close a retired cluster's window (reason 'moved'),"
            + " reopening that cluster to writes.")
    boolean yes;

    @Override
    int run(PrintWriter out) {
        try (CliSession session = session(false)) {
            MaintenanceExit exit = MaintenanceExit.close(session.maintenance(), session.nodes(), yes);
            print(out, exit, () -> out.println(exit.summary()));
            return 0;
        }
    }
}
