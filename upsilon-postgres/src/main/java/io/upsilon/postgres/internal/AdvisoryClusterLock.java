package io.upsilon.postgres.internal;

import io.upsilon.postgres.PostgresSettings;
import io.upsilon.spi.LockGrant;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A session advisory lock held on a dedicated connection for as long as the grant lives. PostgreSQL releases it
 * the moment that session ends, so a killed holder never leaves a stuck lock. The lock row records the fencing
 * token and the holder's backend pid, by which the store checks that the holder's session still holds the lock.
 */
public final class AdvisoryClusterLock extends AbstractPgClusterLock {

    /**
     * The logger, made on first use: a check with nothing to do logs nothing, so it need not start the logging
     * framework (slf4j's provider lookup and configuration: several milliseconds of a cold start;
     * upsilon-bench/README.md).
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(AdvisoryClusterLock.class);
    }

    private volatile long key;

    public AdvisoryClusterLock(DataSource dataSource, PostgresSettings settings, String nodeId) {
        super(dataSource, settings, nodeId);
    }

    /** The advisory key, made on first use (a SHA-256: not worth loading for a start-up that takes no lock). */
    private long key() {
        if (key == 0) {
            key = AdvisoryKeys.key(settings, settings.lockName());
        }
        return key;
    }

    @Override
    public Optional<LockGrant> acquire(Duration timeout) {
        Connection connection = null;
        try {
            connection = dataSource.getConnection();
            connection.setAutoCommit(true);
            schema.prepare(connection);
            if (!lockAdvisory(connection, timeout)) {
                connection.close();
                return Optional.empty();
            }
            long token = grant(connection);
            return Optional.of(new Grant(connection, token));
        } catch (SQLException e) {
            closeQuietly(connection);
            throw PgVersionStore.storeFailure("acquire the cluster lock", e);
        } catch (RuntimeException e) {
            closeQuietly(connection);
            throw e;
        }
    }

    private boolean lockAdvisory(Connection connection, Duration timeout) throws SQLException {
        if (timeout.isZero()) {
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT pg_try_advisory_lock(" + key() + ")")) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
        try (Statement s = connection.createStatement()) {
            // lock_timeout bounds the wait; the waiter wakes the instant the holder releases or dies
            s.execute("SET lock_timeout = " + Math.max(1, Math.min(timeout.toMillis(), Integer.MAX_VALUE)));
            s.execute("SELECT pg_advisory_lock(" + key() + ")");
            return true;
        } catch (SQLException e) {
            if ("55P03".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        } finally {
            try (Statement s = connection.createStatement()) {
                s.execute("RESET lock_timeout");
            }
        }
    }

    private long grant(Connection connection) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + lockTable.table() + " AS l"
                + " (name, kind, token, holder, holder_pid, acquired_at, renewed_at, expires_at)"
                + " VALUES (?, 'advisory', 1, ?, pg_backend_pid(), now(), now(), NULL)"
                + " ON CONFLICT (name) DO UPDATE SET kind = 'advisory', token = l.token + 1, holder = EXCLUDED.holder,"
                + " holder_pid = pg_backend_pid(), acquired_at = now(), renewed_at = now(), expires_at = NULL"
                + " RETURNING token")) {
            ps.setString(1, settings.lockName());
            ps.setString(2, nodeId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    @Override
    public String kind() {
        return "advisory";
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                Log.LOG.debug("Closing the lock connection failed: {}", e.getMessage());
            }
        }
    }

    private final class Grant implements LockGrant {
        private final Connection connection;
        private final long token;
        private boolean closed;

        Grant(Connection connection, long token) {
            this.connection = connection;
            this.token = token;
        }

        @Override
        public long fencingToken() {
            return token;
        }

        @Override
        public String holder() {
            return nodeId;
        }

        @Override
        public synchronized boolean isHeld() {
            try {
                return !closed && connection.isValid(2);
            } catch (SQLException e) {
                return false;
            }
        }

        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            try (Statement s = connection.createStatement()) {
                lockTable.release(connection, token);
                s.execute("SELECT pg_advisory_unlock(" + key() + ")");
            } catch (SQLException e) {
                // closing the session below releases the advisory lock anyway
                Log.LOG.debug("Releasing the advisory lock failed: {}", e.getMessage());
            } finally {
                closeQuietly(connection);
            }
        }
    }
}
