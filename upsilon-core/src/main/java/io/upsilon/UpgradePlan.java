package io.upsilon;

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
}
