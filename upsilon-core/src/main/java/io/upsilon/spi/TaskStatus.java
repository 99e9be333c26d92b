package io.upsilon.spi;

/** The status of one history row. */
public enum TaskStatus {
    /** A non-transactional task started and has not finished (or its node died). */
    RUNNING,
    /** The task's work committed. */
    SUCCEEDED,
    /** The task failed; a transactional task's work was rolled back. */
    FAILED,
    /** A RUNNING row whose node died; the task was run again by a later holder. */
    INTERRUPTED,
    /** The task was undone by a downgrade. */
    ROLLED_BACK,
    /**
     * The task was never run by Upsilon: {@code upsilon baseline} recorded it as applied because the database
     * already had its effect (taken over as it was, or from Flyway's or Liquibase's history). Counts as applied.
     */
    BASELINE;

    /** Whether a task whose latest history row has this status counts as applied. */
    public boolean isApplied() {
        return this == SUCCEEDED || this == BASELINE;
    }
}
