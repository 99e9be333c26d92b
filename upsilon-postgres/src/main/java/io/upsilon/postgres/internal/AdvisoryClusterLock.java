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

    private final KeptConnection kept;
    private volatile long key;

    public AdvisoryClusterLock(DataSource dataSource, PostgresSettings settings, String nodeId) {
        this(dataSource, settings, nodeId, new KeptConnection(dataSource));
    }

    /**
     * {@code kept}: the connection the backend's node registry keeps while its node is not serving yet; an attempt
     * is made on it when it is idle, so that a waiting node's attempt costs a statement, not a new session.
     */
    public AdvisoryClusterLock(DataSource dataSource, PostgresSettings settings, String nodeId, KeptConnection kept) {
        super(dataSource, settings, nodeId);
        this.kept = kept;
    }

    /** The advisory key, made on first use (a SHA-256: not worth loading for a start-up that takes no lock). */
    private long key() {
        if (key == 0) {
            key = AdvisoryKeys.key(settings, settings.lockName());
        }
        return key;
    }

    /**
     * Tries on the kept connection when one is idle: taken out of keeping first, so no other statement runs on it
     * meanwhile; it becomes the grant's when the lock is granted, and is kept again when not. A session that holds
     * the lock is never kept (advisory locks are re-entrant within a session: a kept one would grant the lock to
     * whoever ran on it next). A kept session that turns out to be gone is replaced by a new one for the attempt.
     */
    @Override
    public Optional<LockGrant> acquire(Duration timeout) {
        Connection idle = kept.takeIdle();
        if (idle != null) {
            try {
                return acquireOn(idle, timeout, true);
            } catch (SQLException e) {
                if (!KeptConnection.lost(e)) {
                    throw PgVersionStore.storeFailure("acquire the cluster lock", e);
                }
                Log.LOG.debug("The kept connection failed ({}); trying the lock on a new one", e.getMessage());
            }
        }
        try {
            return acquireOn(dataSource.getConnection(), timeout, false);
        } catch (SQLException e) {
            throw PgVersionStore.storeFailure("acquire the cluster lock", e);
        }
    }

    /** Closes {@code connection} on any failure, and when the lock was not granted unless it is to be kept. */
    private Optional<LockGrant> acquireOn(Connection connection, Duration timeout, boolean keepIfRefused)
            throws SQLException {
        try {
            connection.setAutoCommit(true);
            schema.prepare(connection);
            if (!lockAdvisory(connection, timeout)) {
                kept.giveBack(connection, keepIfRefused);
                return Optional.empty();
            }
            long token = grant(connection);
            return Optional.of(new Grant(connection, token));
        } catch (SQLException | RuntimeException e) {
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
