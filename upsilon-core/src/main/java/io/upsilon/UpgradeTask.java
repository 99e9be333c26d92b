package io.upsilon;

/**
 * One unit of upgrade work, listed under a version in the manifest.
 *
 * <p>A transactional task (the default) runs on {@link TaskContext#connection()} inside a transaction that Upsilon
 * opens and commits together with the task's history row and, for the last task of a version, the data-version
 * bump; the task must not commit, roll back or change auto-commit itself. If it throws, everything it did is rolled
 * back.
 *
 * <p>A task that cannot run in a transaction ({@code CREATE INDEX CONCURRENTLY}, batched backfills) returns
 * {@code false} from {@link #isTransactional()}; its connection is in auto-commit mode and the task must be
 * idempotent, because a run cut short by a dead node is run again by the next lock holder.
 *
 * <p>Implementations need a public no-argument constructor. Extend {@link BaseUpgradeTask} rather than implementing
 * this interface directly, so that methods added later get defaults.
 */
public interface UpgradeTask {

    /** Does the task's work. Any exception fails the task. */
    void execute(TaskContext context) throws Exception;

    /**
     * Undoes {@link #execute}, for a downgrade. Called only when {@link #canRollback()} is true.
     *
     * @throws UnsupportedOperationException by default
     */
    default void rollback(TaskContext context) throws Exception {
        throw new UnsupportedOperationException(getClass().getName() + " has no rollback");
    }

    /** Whether {@link #rollback} is implemented. A downgrade across a task without one is refused. */
    default boolean canRollback() {
        return false;
    }

    /** Whether the task runs inside a transaction; {@code false} means it must be idempotent. */
    default boolean isTransactional() {
        return true;
    }

    /** A short human-readable description for logs and plans. */
    default String description() {
        return getClass().getSimpleName();
    }
}
