package io.upsilon.spi;

import io.upsilon.Version;
import java.sql.Connection;
import java.util.Optional;

/**
 * The connection one task runs on and the fenced writes that record its outcome. Not thread-safe; close it when the
 * task is done.
 */
public interface StoreSession extends AutoCloseable {

    /** The connection the task works on. */
    Connection connection();

    /**
     * For a non-transactional task: writes its RUNNING row and commits it at once, marking any RUNNING row of the
     * same task left by a dead node as INTERRUPTED.
     *
     * @return the record with its store id
     * @throws io.upsilon.UpsilonException with {@code FENCED} if {@code record.fencingToken()} is not current
     */
    TaskRecord recordRunning(TaskRecord record);

    /**
     * Writes the task's final row (inserting it, or updating the RUNNING row when {@code record.id() > 0}), sets the
     * data version to {@code newDataVersion} when it is not null, checks the fencing token and commits, all in one
     * transaction; for a transactional session, the task's own work commits with them.
     *
     * @return the record with its store id
     * @throws io.upsilon.UpsilonException with {@code FENCED} if the token is not current; nothing is committed then
     */
    TaskRecord commit(TaskRecord record, Version newDataVersion);

    /** Rolls back whatever the task did in an open transaction, then records the failed row on its own. */
    void fail(TaskRecord record);

    /** Whether the failure is worth retrying the whole task for (e.g. the statement lock timeout ran out). */
    boolean isTransient(Throwable failure);

    /**
     * What the operator can do about {@code failure}, in the store's own terms (which session to look for, which
     * setting to raise), for the task's error message; empty when the store has nothing specific to say.
     */
    default Optional<String> remedy(Throwable failure) {
        return Optional.empty();
    }

    @Override
    void close();
}
