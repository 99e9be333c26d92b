package io.upsilon;

/**
 * The moments of a node's life and of its upgrades that {@link UpgradeCallback}s hear about. Node state changes
 * come as {@link #STATE_CHANGED} with the new state in {@link UpgradeEventContext#state()}.
 */
public enum UpgradeEvent {
    /** The fast check found the data version current; no lock was taken. */
    UP_TO_DATE,
    /** The data version is ahead of this software version; nothing runs (readiness decides what the node does). */
    DATA_AHEAD,
    /** The node starts waiting for the cluster lock. */
    LOCK_WAITING,
    /** The node holds the cluster lock. */
    LOCK_ACQUIRED,
    /** The node released the cluster lock. */
    LOCK_RELEASED,
    /** A task is about to run (or roll back). */
    BEFORE_TASK,
    /** A task committed. */
    AFTER_TASK,
    /** A task hit a transient failure (e.g. lock timeout) and is retried in a new transaction. */
    TASK_RETRY,
    /** A non-transactional task left RUNNING by a dead node is being run again. */
    TASK_RESUMED,
    /** A task failed for good; its transaction was rolled back. */
    TASK_FAILED,
    /** The data version changed. */
    VERSION_CHANGED,
    /** The node got the lock and found the work already done by another node. */
    DONE_ELSEWHERE,
    /** All planned tasks ran. */
    UPGRADE_COMPLETED,
    /** The node moved to another {@link NodeState}; the new one is in the context. */
    STATE_CHANGED,
    /** The node saw the data version change (by notification or polling); the new one is in the context. */
    DATA_VERSION_SEEN
}
