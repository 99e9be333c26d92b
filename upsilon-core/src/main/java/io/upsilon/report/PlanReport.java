package io.upsilon.report;

import io.upsilon.UpgradePlan;
import io.upsilon.Version;
import java.util.List;

/**
 * What an upgrade would do ({@link UpgradePlan}), as reports show it ({@code upsilon plan --json}).
 *
 * @param dataVersion the data version it starts from; null on a fresh store
 * @param target      the data version it ends at; null when the software predates every manifest version
 * @param direction   {@code NONE}, {@code UP}, {@code DOWN} or {@code AHEAD}
 * @param steps       the tasks to run, in order
 */
public record PlanReport(String dataVersion, String target, String direction, List<StepRow> steps) {

    public PlanReport {
        steps = List.copyOf(steps);
    }

    /** The report of {@code plan}. */
    public static PlanReport of(UpgradePlan plan) {
        return new PlanReport(plan.dataVersion().map(Version::toString).orElse(null),
                plan.target().map(Version::toString).orElse(null), plan.direction().name(),
                plan.steps().stream().map(StepRow::of).toList());
    }
}
