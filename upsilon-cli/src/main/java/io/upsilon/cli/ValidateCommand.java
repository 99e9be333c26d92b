package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.ValidationResult;
import io.upsilon.report.ReportText;
import io.upsilon.report.ValidationReport;
import java.io.PrintWriter;
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
            int pending = result.pending().size();
            int exit = !result.isValid() ? ErrorCode.VALIDATION_FAILED.exitCode()
                    : failOnPending && pending > 0 ? 1 : 0;
            print(out, ValidationReport.of(result, session.target()),
                    () -> out.print(result.describe(session.manifest().source())));
            result.failure().ifPresent(this::printError);
            if (exit == 1) {
                printError(ReportText.plural(pending, "task") + " pending; 'upsilon upgrade' runs them");
            }
            return exit;
        }
    }
}
