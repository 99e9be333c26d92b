package io.upsilon.cli;

import io.upsilon.UpsilonStatus;
import io.upsilon.ValidationIssue;
import io.upsilon.Version;
import io.upsilon.report.ReportText;
import io.upsilon.report.StatusReport;
import io.upsilon.report.StepRow;
import io.upsilon.report.TextTable;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code upsilon status}: where the data is, where the software is, what is pending, who holds the lock. */
@Command(name = "status", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Shows the data version, the software version (the target: --to or the manifest's latest),"
                + " the tasks still pending and the cluster lock. Changes nothing.")
final class StatusCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;
    @Mixin ManifestOptions manifestOptions;
    @Mixin PlaceholderOption placeholderOption;
    @Mixin TargetOption targetOption;

    @Override
    int run(PrintWriter out) {
        try (CliSession session = session(true)) {
            UpsilonStatus status = session.upsilon().status(session.target());
            StatusReport report = StatusReport.of(status, session.manifest().source(),
                    session.database().description());
            if (options.json) {
                printJson(out, report);
                return 0;
            }
            List<StepRow> pending = report.pending();
            List<ValidationIssue> issues = status.issues();
            new TextTable("", "")
                    .row("Database", report.database())
                    .row("Manifest", report.manifest())
                    .row("Data version", ReportText.version(status.dataVersion()))
                    .row("Software version", status.target())
                    .row("State", describe(status.state(), pending.size(), status.dataVersion(), status.target()))
                    .row("Lock", report.lock() == null ? "never taken" : LockCommand.describe(report.lock()))
                    .print(out, "");
            if (!pending.isEmpty()) {
                out.println();
                out.println("Pending tasks:");
                StepRow.table(pending).print(out, "  ");
            }
            if (!issues.isEmpty()) {
                out.println();
                out.println("The manifest does not match the history ('upsilon validate' for CI; an upgrade refuses"
                        + " on an ERROR):");
                issues.forEach(i -> out.println("  " + (i.isError() ? "ERROR   " : "warning ") + i.message()));
            }
            return 0;
        }
    }

    private static String describe(UpsilonStatus.State state, int pending, Optional<Version> data, Version target) {
        return switch (state) {
            case AHEAD -> "the data version " + ReportText.version(data) + " is ahead of " + target
                    + "; 'upsilon upgrade --to " + target + "' rolls back if every task has a rollback";
            case PENDING -> ReportText.plural(pending, "task") + " pending; 'upsilon plan' shows them in order,"
                    + " 'upsilon upgrade' runs them";
            case UP_TO_DATE -> "up to date";
        };
    }
}
