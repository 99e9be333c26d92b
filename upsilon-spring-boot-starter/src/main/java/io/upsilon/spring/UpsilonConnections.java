package io.upsilon.spring;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.spi.ChangeFeed;
import io.upsilon.spi.ClusterLock;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;

/**
 * Where the starter's Upsilon talks to PostgreSQL. Reads and writes of its tables (data version, history, node
 * table, maintenance flag) and the upgrade tasks go through the application's {@code DataSource}, usually a pool.
 * What holds a session for a long time goes through {@code session}, a non-pooled data source: the advisory lock
 * (a session lock that must die with the node, never go back to a pool still held) and LISTEN (a connection per
 * subscription for the node's life).
 *
 * <p>Without a non-pooled data source (the application's could not be copied and no {@code upsilon.url} was given)
 * only the lease lock is allowed, and LISTEN holds pool connections (one for the data version, one for the
 * maintenance window).
 */
public final class UpsilonConnections {

    private final PostgresBackend pooled;
    private final Optional<PostgresBackend> session;
    private final Optional<String> password;
    private final String dataSourceType;

    /**
     * @param pooled         the backend over the application's DataSource
     * @param session        the backend over a non-pooled DataSource to the same database, if there is one
     * @param password       the database password, to be masked in what a failed task's error quotes
     * @param dataSourceType the application's DataSource class, for error messages
     */
    public UpsilonConnections(PostgresBackend pooled, Optional<PostgresBackend> session, Optional<String> password,
                              String dataSourceType) {
        this.pooled = pooled;
        this.session = session;
        this.password = password.filter(p -> !p.isEmpty());
        this.dataSourceType = dataSourceType;
    }

    /** Masks the database password in a text (a failed statement the database quoted back, say). */
    public UnaryOperator<String> passwordMask() {
        return password.<UnaryOperator<String>>map(p -> text -> text == null ? null : text.replace(p, "******"))
                .orElse(UnaryOperator.identity());
    }

    /** The backend over the application's DataSource. */
    public PostgresBackend backend() {
        return pooled;
    }

    /** The change feed: on the non-pooled data source when there is one. */
    public ChangeFeed feed() {
        return session.orElse(pooled).feed();
    }

    /**
     * The cluster lock of this node.
     *
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} for the advisory lock without a non-pooled data source
     */
    public ClusterLock lock(UpsilonProperties.LockKind kind, String nodeId) {
        if (kind == UpsilonProperties.LockKind.LEASE) {
            return pooled.lock(PostgresBackend.LockKind.LEASE, nodeId);
        }
        return session.orElseThrow(() -> new UpsilonException(ErrorCode.BAD_INPUT, "the advisory lock needs a"
                + " connection of its own, and none can be made from a DataSource of type " + dataSourceType
                + "; set upsilon.url (with upsilon.user and upsilon.password) or use upsilon.lock=lease"))
                .lock(PostgresBackend.LockKind.ADVISORY, nodeId);
    }

    /** Whether Upsilon has non-pooled connections of its own. */
    public boolean hasSessionDataSource() {
        return session.isPresent();
    }
}
