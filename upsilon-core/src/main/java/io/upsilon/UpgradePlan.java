package io.upsilon;

import io.upsilon.report.ReportText;
import io.upsilon.report.StepRow;
import io.upsilon.report.TextTable;
import java.util.List;
import java.util.Optional;

/**
 * What an upgrade would do: the steps, in order, from the current data version to the target.
 *
 * @param dataVersion the data version the plan starts from (empty on a fresh store)
 * @param target      the data version the plan ends at (empty when the software predates every manifest version)
 * @param direction   whether the data version goes up, down, or stays
 * @param steps       the tasks to run, in order
 */
public record UpgradePlan(Optional<Version> dataVersion, Optional<Version> target, Direction direction,
                          List<PlannedTask> steps) {

    /** Which way the data version moves. */
    public enum Direction { NONE, UP, DOWN, AHEAD }

    public UpgradePlan {
        steps = List.copyOf(steps);
    }

    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /**
     * The plan in words: {@code Nothing to do: ...} when the data version is at or ahead of the target, else
     * {@code Upgrade 1.0 -> 1.1 in 2 steps:} (or {@code Roll back}) and a table of the steps (number, version, task,
     * kind, action, the data version each sets). Every line ends with a newline.
     */
    public String describe() {
        String from = ReportText.version(dataVersion);
        String to = ReportText.version(target);
        return switch (direction) {
            case NONE -> "Nothing to do: the data version is " + from + ", the target.\n";
            case AHEAD -> "Nothing to do: the data version " + from + " is ahead of " + to + ".\n";
            default -> {
                TextTable table = new TextTable("#", "VERSION", "TASK", "KIND", "ACTION", "SETS DATA VERSION");
                for (int i = 0; i < steps.size(); i++) {
                    StepRow step = StepRow.of(steps.get(i));
                    table.row(i + 1, step.version(), step.task(), step.kind(), step.action(), step.setsDataVersion());
                }
                yield (direction == Direction.DOWN ? "Roll back " : "Upgrade ") + from + " -> " + to + " in "
                        + ReportText.plural(steps.size(), "step") + ":\n" + table.text("  ");
            }
        };
    }
}
