package io.upsilon;

/**
 * Where a node is in its life: {@code STARTING → UP → (UPGRADING | WAITING) → READY}, or {@code FENCED}.
 *
 * <p>Only READY takes traffic. UP, UPGRADING and WAITING are alive but not ready, so a long upgrade never fails a
 * liveness probe. FENCED is final: the data version moved past what this software can serve (or an operator fenced
 * it), so it refuses writes and should be replaced.
 */
public enum NodeState {
    /** The process is starting; nothing checked yet. */
    STARTING,
    /** Alive and registered; the data version is being checked. */
    UP,
    /** This node holds the cluster lock and runs upgrade tasks. */
    UPGRADING,
    /** Another node is upgrading (or the data is too old to serve); waiting for the data version to move. */
    WAITING,
    /** The data version is one this software serves; takes traffic. */
    READY,
    /** The data version left this software's compatibility window, or an operator fenced the node. Final. */
    FENCED;

    /** Whether the node may take traffic and write. */
    public boolean isReady() {
        return this == READY;
    }

    /** Whether the process is alive from the orchestrator's point of view (everything but STARTING counts). */
    public boolean isUp() {
        return this != STARTING;
    }
}
