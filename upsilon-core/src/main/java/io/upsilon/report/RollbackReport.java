package io.upsilon.report;

import io.upsilon.release.ChainStep;
import io.upsilon.release.PlannedChain;
import io.upsilon.release.ReleaseRollback;
import java.util.List;

/**
 * A release rollback, planned and (unless a dry run) done, as reports show it ({@code upsilon rollback --json}).
 *
 * @param from   the release it started from
 * @param to     the release it rolls back to
 * @param dryRun whether it only planned
 * @param steps  the planned steps, each with the order in which it replaces nodes and undoes data
 * @param done   the steps done, in order; empty for a dry run
 */
public record RollbackReport(String from, String to, boolean dryRun, List<Planned> steps, List<RollbackStepRow> done) {

    /**
     * One planned step.
     *
     * @param step  the step
     * @param order {@link ReleaseRollback#order(ChainStep)}: nodes first, then the data
     */
    public record Planned(ChainStepRow step, String order) {
    }

    public RollbackReport {
        steps = List.copyOf(steps);
        done = List.copyOf(done);
    }

    /** The report of {@code chain} and the steps of it that were {@code done}. */
    public static RollbackReport of(PlannedChain chain, boolean dryRun, List<ReleaseRollback.StepResult> done) {
        return new RollbackReport(chain.from().version().toString(), chain.to().version().toString(), dryRun,
                chain.steps().stream().map(s -> new Planned(ChainStepRow.of(s), ReleaseRollback.order(s))).toList(),
                done.stream().map(RollbackStepRow::of).toList());
    }
}
