package io.upsilon.cli;

import io.upsilon.MaintenanceDrain;
import io.upsilon.report.MaintenanceRow;
import io.upsilon.report.NodeRow;
import io.upsilon.spi.MaintenanceWindow;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
            Optional<MaintenanceWindow> window = session.maintenance().current();
            if (window.isEmpty()) {
                if (options.json) {
                    printJson(out, Json.object("open", false, "window", null, "drained", null, "busy", List.of()));
                } else {
                    out.println("Maintenance window: closed; the nodes take new work.");
                }
                return 0;
            }
            MaintenanceDrain.Result drain = MaintenanceDrain.check(session.nodes(), window.get());
            Instant now = session.nodes().now();
            MaintenanceRow row = MaintenanceRow.of(window.get(), now);
            List<NodeRow> busy = NodeRow.of(drain.busy(), now);
            if (options.json) {
                printJson(out, Json.object("open", true, "window", row, "drained", drain.drained(), "busy", busy));
                return 0;
            }
            new Table("", "")
                    .row("Maintenance window", "open since " + row.since() + " (" + Text.age(row.openForMillis())
                            + ")")
                    .row("Opened by", row.who())
                    .row("Reason", row.reason() + (row.location() == null ? "" : " to " + row.location()))
                    .row("Drained", drain.drained() ? "yes" : "no: " + NodeRow.busy(busy))
                    .print(out, "");
            out.println(window.get().moved() ? "This cluster is retired: " + window.get().movedTo() + "; its"
                    + " nodes refuse new work until 'upsilon maintenance exit --yes'."
                    : "Nodes hold new work until 'upsilon maintenance exit'.");
            return 0;
        }
    }
}
