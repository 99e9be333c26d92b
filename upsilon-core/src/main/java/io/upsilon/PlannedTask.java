package io.upsilon;

/**
 * One step of an {@link UpgradePlan}.
 *
 * @param definition   the task
 * @param action       what will be done with it
 * @param newDataVersion the data version set when this step commits, or null when it leaves it unchanged
 */
public record PlannedTask(TaskDefinition definition, Action action, Version newDataVersion) {

    /** What a step does. */
    public enum Action {
        /** Run the task. */
        RUN,
        /** Run again a non-transactional task that a dead node left RUNNING. */
        RESUME,
        /** Undo the task, for a downgrade. */
        ROLLBACK
    }
}
