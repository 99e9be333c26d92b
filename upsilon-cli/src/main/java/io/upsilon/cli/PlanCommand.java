package io.upsilon.cli;

import io.upsilon.UpgradePlan;
import io.upsilon.report.StepRow;
import java.io.PrintWriter;
import java.util.List;
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
            List<StepRow> steps = plan.steps().stream().map(StepRow::of).toList();
            if (options.json) {
                printJson(out, Json.object("dataVersion", Json.text(plan.dataVersion()),
                        "target", Json.text(plan.target()), "direction", plan.direction().name(), "steps", steps));
                return 0;
            }
            String from = Text.version(plan.dataVersion());
            String to = Text.version(plan.target());
            switch (plan.direction()) {
                case NONE -> out.println("Nothing to do: the data version is " + from + ", the target.");
                case AHEAD -> out.println("Nothing to do: the data version " + from + " is ahead of " + to + ".");
                default -> {
                    out.println((plan.direction() == UpgradePlan.Direction.DOWN ? "Roll back " : "Upgrade ") + from
                            + " -> " + to + " in " + Text.plural(steps.size(), "step") + ":");
                    Table table = new Table("#", "VERSION", "TASK", "KIND", "ACTION", "SETS DATA VERSION");
                    for (int i = 0; i < steps.size(); i++) {
                        StepRow step = steps.get(i);
                        table.row(i + 1, step.version(), step.task(), step.kind(), step.action(),
                                step.setsDataVersion());
                    }
                    table.print(out, "  ");
                }
            }
            return 0;
        }
    }
}
