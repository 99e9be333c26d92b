package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.ValidationIssue;
import io.upsilon.ValidationResult;
import io.upsilon.report.StepRow;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code upsilon validate}: does the manifest still match what was applied? For CI, before an upgrade. */
@Command(name = "validate", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Compares the manifest with the upgrade history without changing anything or taking a lock,"
                + " as Flyway's validate: applied SQL scripts edited since they ran (checksums), tasks added to a"
                + " version the data has passed, applied tasks no longer listed, non-transactional tasks left FAILED;"
                + " and lists the tasks an upgrade would run now.",
                "Exit 0 when an upgrade would go ahead, 2 when it would refuse (the message names the task and the"
                        + " remedy), 1 with --fail-on-pending when tasks are pending."})
final class ValidateCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;
    @Mixin ManifestOptions manifestOptions;
    @Mixin PlaceholderOption placeholderOption;
    @Mixin TargetOption targetOption;

    @Option(names = "--fail-on-pending", description = "Exit 1 when an upgrade would run tasks (for CI: the database"
            + " is not at the manifest's version).")
    boolean failOnPending;

    @Option(names = "--out-of-order", description = "Count tasks added to versions the data has passed as pending"
            + " (as 'upgrade --out-of-order' would run them) instead of as errors.")
    boolean outOfOrder;

    @Override
    int run(PrintWriter out) {
        try (CliSession session = session(true)) {
            if (outOfOrder) {
                session.allowOutOfOrder();
            }
            ValidationResult result = session.upsilon().validate();
            List<ValidationIssue> issues = result.issues();
            List<StepRow> pending = result.pending().stream().map(StepRow::of).toList();
            int exit = !result.isValid() ? ErrorCode.VALIDATION_FAILED.exitCode()
                    : failOnPending && !pending.isEmpty() ? 1 : 0;
            if (options.json) {
                printJson(out, Json.object("valid", result.isValid(), "dataVersion", Json.text(result.dataVersion()),
                        "softwareVersion", session.target().toString(), "issues", issues, "pending", pending));
            } else {
                print(out, result, issues, pending, session.manifest().source());
            }
            if (!result.isValid()) {
                printError("validation failed: " + result.errors().get(0).message()
                        + (result.errors().size() > 1 ? " (and " + (result.errors().size() - 1) + " more)" : ""));
            } else if (exit == 1) {
                printError(Text.plural(pending.size(), "task") + " pending; 'upsilon upgrade' runs them");
            }
            return exit;
        }
    }

    private static void print(PrintWriter out, ValidationResult result, List<ValidationIssue> issues, List<StepRow> pending,
                              String manifest) {
        out.println("Data version " + Text.version(result.dataVersion()) + ", manifest " + manifest + ": " + (result.isValid() ? "valid" : "INVALID") + ", "
                + Text.plural(pending.size(), "task") + " pending.");
        if (!issues.isEmpty()) {
            Table table = new Table("", "KIND", "VERSION", "TASK", "WHAT TO DO");
            issues.forEach(i -> table.row(i.isError() ? "ERROR" : "warning", i.kind(), i.version(), i.task(),
                    i.message()));
            table.print(out, "  ");
        }
        if (!pending.isEmpty()) {
            Table table = new Table("PENDING", "TASK", "ACTION");
            pending.forEach(p -> table.row(p.version(), p.task(), p.action()));
            table.print(out, "  ");
        }
    }
}
