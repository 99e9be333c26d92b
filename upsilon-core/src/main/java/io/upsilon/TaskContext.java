package io.upsilon;

import java.sql.Connection;
import org.slf4j.Logger;

/** What a running task may use. Valid only for the duration of one {@link UpgradeTask#execute} or rollback call. */
public interface TaskContext {

    /**
     * The JDBC connection of the task's transaction (auto-commit off), or an auto-commit connection for a
     * non-transactional task. Upsilon owns it: do not close, commit or roll it back.
     */
    Connection connection();

    /** The data version before the task's version was applied; empty on a fresh store. */
    java.util.Optional<Version> from();

    /** The version the task belongs to; the data version once this version's last task commits. */
    Version to();

    /** The fencing token of the cluster-lock grant under which the task runs. */
    long fencingToken();

    /** The id of the node running the task. */
    String nodeId();

    /** A logger named after the task. */
    Logger logger();

    /** Where a long task reports how far it got. */
    ProgressReporter progress();
}
