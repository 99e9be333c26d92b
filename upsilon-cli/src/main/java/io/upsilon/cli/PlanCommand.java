package io.upsilon.cli;

import io.upsilon.UpgradePlan;
import io.upsilon.report.PlanReport;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code upsilon plan}: the steps {@code upgrade} would run now, in order. */
@Command(name = "plan", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Shows the steps 'upsilon upgrade' would run now to bring the data version to the target,"
                + " in order: tasks to run, to resume, or (below the data version) to roll back. Takes no lock and"
                + " changes nothing.")
final class PlanCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;
    @Mixin ManifestOptions manifestOptions;
    @Mixin TargetOption targetOption;

    @Override
    int run(PrintWriter out) {
        try (CliSession session = session(true)) {
            UpgradePlan plan = session.upsilon().plan(session.target());
            print(out, PlanReport.of(plan), () -> out.print(plan.describe()));
            return 0;
        }
    }
}
