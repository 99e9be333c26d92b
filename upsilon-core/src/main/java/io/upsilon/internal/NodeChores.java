package io.upsilon.internal;

import io.upsilon.UpsilonConfig;
import io.upsilon.Version;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a running node does for the cluster's records besides its own state: records its release once, ends stray
 * nodes' sessions after its bump, prunes long-gone rows. Each never fails the node: a failure is logged.
 */
final class NodeChores {

    private static final Logger LOG = LoggerFactory.getLogger(NodeChores.class);
    private static final long PRUNE_EVERY_NANOS = TimeUnit.MINUTES.toNanos(10);

    private final UpsilonConfig config;
    private final NodeRunner.Settings settings;
    private volatile boolean releaseRecorded;
    private long lastPruneNanos; // heartbeat thread only

    NodeChores(UpsilonConfig config, NodeRunner.Settings settings) {
        this.config = config;
        this.settings = settings;
    }

    /**
     * Once per node, when it first serves: appends its release to the release history unless the history already
     * ends at it or a later one, so a release that changes no data is recorded too.
     */
    void recordReleaseOnce(Optional<Version> dataVersion) {
        if (releaseRecorded) {
            return;
        }
        releaseRecorded = true;
        try {
            if (config.store().recordReleaseIfNewer(config.release(), dataVersion, config.nodeId())) {
                LOG.info("Node {}: release {} recorded in the release history", config.nodeId(), config.release());
            }
        } catch (RuntimeException e) {
            LOG.warn("Node {} could not record release {} in the release history: {}", config.nodeId(),
                    config.release(), e.getMessage());
        }
    }

    /**
     * The database-side guard, right after this node's bump committed: ends the tagged sessions of every live node
     * whose window does not hold the new data version, so old code cannot write to new data in the time before it
     * hears of the bump and fences itself.
     */
    void endStraySessions(Version dataVersion) {
        if (!settings.terminateStraySessions()) {
            return;
        }
        try {
            List<String> ended = settings.registry().terminateSessionsOutside(dataVersion);
            if (!ended.isEmpty()) {
                LOG.warn("Node {}: ended the database sessions of {}, whose software does not serve data version {}",
                        config.nodeId(), ended, dataVersion);
            }
        } catch (RuntimeException e) {
            LOG.warn("Node {} could not end the sessions of nodes outside data version {} (needs the same role or"
                    + " pg_signal_backend): {}", config.nodeId(), dataVersion, e.getMessage());
        }
    }

    /** Deletes long-gone nodes' rows now and then: on the first call and about every ten minutes after. */
    void pruneNowAndThen() {
        long now = System.nanoTime();
        if (lastPruneNanos != 0 && now - lastPruneNanos < PRUNE_EVERY_NANOS) {
            return;
        }
        lastPruneNanos = now;
        try {
            int pruned = settings.registry().pruneGone(settings.pruneGoneAfter());
            if (pruned > 0) {
                LOG.info("Node {}: removed {} node rows gone for more than {}", config.nodeId(), pruned,
                        settings.pruneGoneAfter());
            }
        } catch (RuntimeException e) {
            LOG.debug("Pruning gone nodes failed: {}", e.getMessage());
        }
    }
}
