package io.upsilon.internal;

import io.upsilon.UpgradeCallback;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpgradeEventContext;
import io.upsilon.Version;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Delivers events to the configured callbacks; a failing callback is logged and never breaks the upgrade. */
final class Events {

    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final String nodeId;
    private final List<UpgradeCallback> callbacks;

    Events(String nodeId, List<UpgradeCallback> callbacks) {
        this.nodeId = nodeId;
        this.callbacks = callbacks;
    }

    void fire(UpgradeEvent event, long token, Optional<Version> version, String task, Throwable error) {
        if (callbacks.isEmpty()) {
            return;
        }
        UpgradeEventContext context = new UpgradeEventContext(nodeId, token, version, Optional.ofNullable(task),
                Optional.ofNullable(error));
        for (UpgradeCallback callback : callbacks) {
            try {
                callback.on(event, context);
            } catch (RuntimeException e) {
                LOG.warn("Upgrade callback {} failed on {}: {}", callback, event, e.toString());
            }
        }
    }
}
