package io.upsilon;

import java.util.Optional;

/**
 * The details of one {@link UpgradeEvent}.
 *
 * @param nodeId       the node the event happened on
 * @param fencingToken the lock grant's token, 0 when no lock is held
 * @param version      the version concerned (the task's version, or the new data version)
 * @param task         the task concerned, as written in the manifest
 * @param error        the failure, for {@link UpgradeEvent#TASK_FAILED} and {@link UpgradeEvent#TASK_RETRY}
 * @param state        the node's new state, for {@link UpgradeEvent#STATE_CHANGED}
 */
public record UpgradeEventContext(String nodeId, long fencingToken, Optional<Version> version, Optional<String> task,
                                  Optional<Throwable> error, Optional<NodeState> state) {
}
