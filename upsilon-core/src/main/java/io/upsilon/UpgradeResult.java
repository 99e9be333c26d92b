package io.upsilon;

import io.upsilon.spi.TaskRecord;
import java.util.List;
import java.util.Optional;

/**
 * What an upgrade call did.
 *
 * @param outcome     how it ended
 * @param before      the data version before the call
 * @param after       the data version after the call
 * @param tasks       the history rows this node wrote, in order (empty unless tasks ran)
 * @param lockTaken   whether the cluster lock was taken (false on the fast path)
 */
public record UpgradeResult(Outcome outcome, Optional<Version> before, Optional<Version> after,
                            List<TaskRecord> tasks, boolean lockTaken) {

    /** How an upgrade call ended. */
    public enum Outcome {
        /** The data version was already this node's; one read, no lock. */
        UP_TO_DATE,
        /** The data version is ahead of this software version; nothing was done. */
        DATA_AHEAD,
        /** This node ran the tasks. */
        UPGRADED,
        /** This node undid tasks down to the target. */
        DOWNGRADED,
        /** Another node did the work while this one waited for the lock. */
        DONE_ELSEWHERE
    }

    public UpgradeResult {
        tasks = List.copyOf(tasks);
    }
}
