package io.upsilon.postgres;

import io.upsilon.postgres.internal.AdvisoryClusterLock;
import io.upsilon.postgres.internal.KeptConnection;
import io.upsilon.postgres.internal.LeaseClusterLock;
import io.upsilon.postgres.internal.PgChangeFeed;
import io.upsilon.postgres.internal.PgMaintenanceStore;
import io.upsilon.postgres.internal.PgNodeRegistry;
import io.upsilon.postgres.internal.PgVersionStore;
import io.upsilon.spi.ChangeFeed;
import io.upsilon.spi.ClusterLock;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.NodeRegistry;
import io.upsilon.spi.VersionStore;
import javax.sql.DataSource;

/**
 * The PostgreSQL store and locks over one data source. Each lock grant takes its own connection from the data
 * source for as long as it is held (the advisory lock) or for each heartbeat (the lease lock).
 *
 * <p>The store, node registry and advisory lock of one backend share the one connection the registry keeps while
 * its node is not serving yet (from its registration to READY): a waiting node's reads of the data version, its
 * attempts at the advisory lock (the connection becomes the grant's when one succeeds) and its release-history row
 * then cost statements, not new sessions. Without a registry, or once its node serves, each opens a connection of
 * its own as before.
 */
public final class PostgresBackend {

    /** Which cluster lock to use. */
    public enum LockKind {
        /** A session advisory lock on a dedicated connection: dies with its holder's session. The default. */
        ADVISORY,
        /** A lease row with a TTL renewed by a heartbeat, on database time; works behind PgBouncer transaction mode. */
        LEASE
    }

    private final DataSource dataSource;
    private final PostgresSettings settings;
    private final KeptConnection kept;

    private PostgresBackend(DataSource dataSource, PostgresSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.kept = new KeptConnection(dataSource);
    }

    public static PostgresBackend create(DataSource dataSource, PostgresSettings settings) {
        return new PostgresBackend(dataSource, settings);
    }

    public static PostgresBackend create(DataSource dataSource) {
        return create(dataSource, PostgresSettings.defaults());
    }

    public PostgresSettings settings() {
        return settings;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public VersionStore store() {
        return new PgVersionStore(dataSource, settings, kept);
    }

    /** The node table. */
    public NodeRegistry nodes() {
        return new PgNodeRegistry(dataSource, settings, kept);
    }

    /**
     * LISTEN/NOTIFY with a polling fallback. The subscriptions of one process to one database and channel share one
     * listening connection, tagged {@code upsilon-listen:PID} in {@code application_name} (the process's, not a
     * node's: ending a node's sessions leaves it alone); it is closed with the last subscription.
     */
    public ChangeFeed feed() {
        return new PgChangeFeed(dataSource, settings);
    }

    /**
     * A change feed that polls instead of listening: a subscription hears of a change within its poll interval; the
     * data-version subscriptions of one process share one poll per database, which reads the version on one client
     * connection it keeps (behind PgBouncer in transaction pooling that holds a server connection only for the
     * read). Use it behind PgBouncer in transaction pooling mode (with {@link LockKind#LEASE}),
     * where LISTEN does not work.
     */
    public ChangeFeed pollingFeed() {
        return PgChangeFeed.polling(dataSource, settings);
    }

    /** The cluster-wide maintenance flag. */
    public MaintenanceStore maintenance() {
        return new PgMaintenanceStore(dataSource, settings);
    }

    public ClusterLock lock(LockKind kind, String nodeId) {
        return kind == LockKind.LEASE ? new LeaseClusterLock(dataSource, settings, nodeId)
                : new AdvisoryClusterLock(dataSource, settings, nodeId, kept);
    }
}
