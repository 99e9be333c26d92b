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
    ROLLED_BACK
}
