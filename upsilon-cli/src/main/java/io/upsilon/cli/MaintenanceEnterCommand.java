package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.report.MaintenanceDrainReport;
import io.upsilon.report.MaintenanceEntry;
import java.io.PrintWriter;
import java.time.Duration;
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
            if (!drain) {
                MaintenanceEntry entry = MaintenanceEntry.enter(session.maintenance(), session.nodes(), reason, who);
                print(out, entry, () -> out.print(entry.describe()));
                return 0;
            }
            MaintenanceDrainReport report = MaintenanceDrainReport.enter(session.maintenance(), session.nodes(),
                    reason, who, Duration.ofSeconds(timeoutSeconds), POLL, PROGRESS, line -> progress(out, line));
            print(out, report.view(), () -> out.print(report.describe()));
            return exit(out, report.error());
        }
    }
}
