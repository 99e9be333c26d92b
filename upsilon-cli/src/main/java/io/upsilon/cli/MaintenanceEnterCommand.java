package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.MaintenanceDrain;
import io.upsilon.UpsilonException;
import io.upsilon.report.ErrorRow;
import io.upsilon.report.MaintenanceEntry;
import io.upsilon.report.NodeRow;
import io.upsilon.report.ReportText;
import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.NodeRegistry;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code upsilon maintenance enter [--drain]}: opens the window and, if asked, waits for in-flight work. */
@Command(name = "enter", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Opens the maintenance window (an open window is left as it is). Every node's gate then holds"
                + " new work.",
                "With --drain it waits until every live node (not gone, not fenced) has reported zero in-flight work"
                        + " in a heartbeat sent after the window opened, printing the busy nodes every second. If"
                        + " --drain-timeout passes first it lists them and exits with 1; the window stays open."})
final class MaintenanceEnterCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;

    /** How often the drain reads the node table. */
    static final Duration POLL = Duration.ofMillis(200);

    /** How often a draining terminal hears which nodes are still busy. */
    private static final Duration PROGRESS = Duration.ofSeconds(1);

    @Option(names = "--reason", paramLabel = "TEXT", defaultValue = "maintenance",
            description = "Why the window opens; shown by 'maintenance status', /status and the gate's 503 answers.")
    String reason;

    @Option(names = "--who", paramLabel = "NAME", defaultValue = "${sys:user.name}",
            description = "Who opens it (default: the OS user).")
    String who;

    @Option(names = "--drain", description = "Wait until every live node has no work in flight.")
    boolean drain;

    @Option(names = "--drain-timeout", paramLabel = "SECONDS", defaultValue = "60",
            description = "How long --drain waits before giving up with exit code 1.")
    long timeoutSeconds;

    @Override
    int run(PrintWriter out) throws InterruptedException {
        if (timeoutSeconds < 0) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--drain-timeout must be 0 or more seconds, got "
                    + timeoutSeconds);
        }
        if (!drain && spec.commandLine().getParseResult().hasMatchedOption("--drain-timeout")) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--drain-timeout only applies to --drain; add --drain to"
                    + " wait for in-flight work, or leave --drain-timeout out");
        }
        if (reason.isBlank() || who == null || who.isBlank()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--reason and --who must not be blank; say why and who,"
                    + " e.g. --reason 'switch to cluster B' --who alice");
        }
        try (CliSession session = session(false)) {
            Optional<MaintenanceWindow> before = session.maintenance().current();
            MaintenanceWindow window = session.maintenance().enter(reason, who);
            MaintenanceEntry entry = MaintenanceEntry.of(before, window, reason, who, session.nodes().now());
            if (!drain) {
                if (options.json) {
                    printJson(out, entry);
                } else {
                    out.println(entry.summary());
                    out.println("Nodes hold new work until 'upsilon maintenance exit'.");
                }
                return 0;
            }
            progress(out, entry.summary());
            progress(out, "Draining: waiting up to " + timeoutSeconds + " s for every live node to report zero"
                    + " in-flight work...");
            return drain(session, window, entry, out);
        }
    }

    private int drain(CliSession session, MaintenanceWindow window, MaintenanceEntry entry, PrintWriter out)
            throws InterruptedException {
        NodeRegistry nodes = session.nodes();
        MaintenanceDrain.Result result = MaintenanceDrain.await(nodes, window, Duration.ofSeconds(timeoutSeconds),
                POLL, PROGRESS, (stillBusy, waited) -> progress(out, "  " + ReportText.duration(waited) + ": waiting for "
                        + ReportText.plural(stillBusy.size(), "node") + ": " + NodeRow.busy(NodeRow.of(stillBusy, nodes))));
        Duration waited = result.waited();
        List<NodeRow> busy = NodeRow.of(result.busy(), nodes);
        Optional<ErrorRow> error = result.drained() ? Optional.empty() : Optional.of(ErrorRow.of(
                ErrorCode.DRAIN_TIMEOUT, "not drained within " + timeoutSeconds + " s: "
                + ReportText.plural(busy.size(), "node") + " still busy (" + NodeRow.busy(busy) + "); the maintenance"
                + " window stays open: wait longer with 'upsilon maintenance enter --drain --drain-timeout SECONDS', or"
                + " close it with 'upsilon maintenance exit'"));
        if (options.json) {
            printJson(out, Json.object("opened", entry.opened(), "window", entry.window(), "drained", result.drained(),
                    "busy", busy, "waitedMillis", waited.toMillis(), "error", error.orElse(null)));
        } else if (result.drained()) {
            out.println(result.summary());
        } else {
            out.println("Not drained after " + ReportText.duration(waited) + "; still busy:");
            NodeRow.table(busy).print(out, "  ");
            out.println("The maintenance window stays open; close it with 'upsilon maintenance exit'.");
        }
        return exit(out, error);
    }
}
