package io.upsilon.report;

import io.upsilon.release.ReleaseRollback;

/**
 * One step of a release rollback that is done, as reports show it ({@code upsilon rollback --json}).
 *
 * @param step            the step's position in the chain, from 1
 * @param release         the release the step arrived at
 * @param dataVersion     the data version after the step
 * @param tasksRolledBack how many tasks its data rollback undid; 0 for a step that changes no data
 */
public record RollbackStepRow(int step, String release, String dataVersion, int tasksRolledBack) {

    /** The row of {@code done}. */
    public static RollbackStepRow of(ReleaseRollback.StepResult done) {
        return new RollbackStepRow(done.step().number(), done.step().to().version().toString(),
                done.step().dataAfter().toString(), done.tasksRolledBack());
    }
}
