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

    /**
     * A {@link UpgradeEvent#STATE_CHANGED} event in words, for a node's log: {@code Node web-1: READY (data version
     * 1.1)}, {@code Node web-1: UPGRADING (data version none)}; a FENCED node without the data version.
     */
    public String describeState() {
        NodeState now = state.orElse(null);
        return "Node " + nodeId + ": " + now + (now == NodeState.FENCED ? ""
                : " (data version " + version.map(Version::toString).orElse("none") + ")");
    }
}
