package io.upsilon.reliability.faults;

import io.upsilon.Manifest;
import io.upsilon.UpgradeCallback;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.postgres.PostgresBackend.LockKind;
import java.time.Duration;
import org.postgresql.ds.PGSimpleDataSource;

/** Builds one node of a fault scenario: its own sessions, named {@code upsilon:<nodeId>} in pg_stat_activity. */
public final class Node {

    /** How long a node waits for the cluster lock; far above any hold in these scenarios. */
    public static final Duration LOCK_WAIT = Duration.ofSeconds(60);

    private Node() {
    }

    /** The application name of every session of {@code nodeId}, by which a strike finds them. */
    public static String applicationName(String nodeId) {
        return "upsilon:" + nodeId;
    }

    /** A non-pooled data source on {@code jdbcUrl} whose sessions carry the node's application name. */
    public static PGSimpleDataSource dataSource(String jdbcUrl, String nodeId) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(jdbcUrl);
        ds.setApplicationName(applicationName(nodeId));
        return ds;
    }

    /** A node with the advisory cluster lock (the default) and the engine's default task attempts. */
    public static Upsilon upsilon(PostgresBackend backend, String nodeId, Manifest manifest,
                                  UpgradeCallback... callbacks) {
        UpsilonConfig.Builder b = UpsilonConfig.builder().manifest(manifest).store(backend.store())
                .lock(backend.lock(LockKind.ADVISORY, nodeId)).nodeId(nodeId).lockWaitTimeout(LOCK_WAIT)
                .retryBackoff(Duration.ofMillis(100));
        for (UpgradeCallback c : callbacks) {
            b.callback(c);
        }
        return Upsilon.create(b.build());
    }
}
