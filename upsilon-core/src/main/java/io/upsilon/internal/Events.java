package io.upsilon.internal;

import io.upsilon.NodeState;
import io.upsilon.UpgradeCallback;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpgradeEventContext;
import io.upsilon.Version;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to the configured callbacks; a failing callback is logged and never breaks the upgrade. */
public final class Events {

    /**
     * The logger, made on first use: a check with nothing to do logs nothing, so it need not start the logging
     * framework (slf4j's provider lookup and configuration: several milliseconds of a cold start;
     * upsilon-bench/README.md).
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(Events.class);
    }

    private final String nodeId;
    private final List<UpgradeCallback> callbacks;

    public Events(String nodeId, List<UpgradeCallback> callbacks) {
        this.nodeId = nodeId;
        this.callbacks = callbacks;
    }

    void fire(UpgradeEvent event, long token, Optional<Version> version, String task, Throwable error) {
        deliver(event, new UpgradeEventContext(nodeId, token, version, Optional.ofNullable(task),
                Optional.ofNullable(error), Optional.empty()));
    }

    /** Announces a node state change. */
    public void stateChanged(NodeState state, Optional<Version> dataVersion) {
        deliver(UpgradeEvent.STATE_CHANGED, new UpgradeEventContext(nodeId, 0, dataVersion, Optional.empty(),
                Optional.empty(), Optional.of(state)));
    }

    /** Announces a data version this node has just seen. */
    public void dataVersionSeen(Optional<Version> dataVersion) {
        deliver(UpgradeEvent.DATA_VERSION_SEEN, new UpgradeEventContext(nodeId, 0, dataVersion, Optional.empty(),
                Optional.empty(), Optional.empty()));
    }

    private void deliver(UpgradeEvent event, UpgradeEventContext context) {
        if (callbacks.isEmpty()) {
            return;
        }
        for (UpgradeCallback callback : callbacks) {
            try {
                callback.on(event, context);
            } catch (RuntimeException e) {
                Log.LOG.warn("Upgrade callback {} failed on {}: {}", callback, event, e.toString());
            }
        }
    }
}
