package io.upsilon.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * At most one idle connection kept between a component's own short statements, so that a statement on a critical
 * path (a node's fence check just before READY, a poll) costs a round trip and not a new session: over a plain data
 * source a new session is a TCP connection, a server process and authentication, which a hundred nodes starting at
 * once pay a hundred times on the same CPUs. A caller that finds the kept connection taken by another thread opens
 * one of its own and closes it after use, so there is never more than one idle. A statement that fails on the kept
 * connection is retried once on a new one ({@link #run}): a kept session may have been ended by the server meanwhile.
 */
final class KeptConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeptConnection.class);

    private final DataSource dataSource;
    private Connection idle; // guarded by this
    private boolean closed; // guarded by this

    KeptConnection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work on a connection in auto-commit mode; it must leave no transaction open. */
    @FunctionalInterface
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /**
     * Runs {@code work} on the kept connection (or a new one when it is in use), keeping the connection afterwards
     * when {@code keep}, else closing it. A failure on a connection that had been kept is retried once on a new one.
     */
    <T> T run(boolean keep, Work<T> work) throws SQLException {
        Connection kept = take();
        if (kept != null) {
            try {
                T result = work.on(kept);
                giveBack(kept, keep);
                return result;
            } catch (SQLException e) {
                closeQuietly(kept);
                LOG.debug("A kept connection failed ({}); retrying on a new one", e.getMessage());
            }
        }
        Connection fresh = dataSource.getConnection();
        try {
            T result = work.on(fresh);
            giveBack(fresh, keep);
            fresh = null;
            return result;
        } finally {
            closeQuietly(fresh);
        }
    }

    /** Closes the idle connection, if any; later calls close theirs after use. */
    @Override
    public void close() {
        Connection c;
        synchronized (this) {
            closed = true;
            c = idle;
            idle = null;
        }
        closeQuietly(c);
    }

    /** Closes the idle connection, if any, and goes on keeping the next one. */
    void release() {
        Connection c;
        synchronized (this) {
            c = idle;
            idle = null;
        }
        closeQuietly(c);
    }

    private synchronized Connection take() {
        Connection c = idle;
        idle = null;
        return c;
    }

    private void giveBack(Connection c, boolean keep) {
        synchronized (this) {
            if (keep && !closed && idle == null) {
                idle = c;
                return;
            }
        }
        closeQuietly(c);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("Closing a kept connection failed: {}", e.getMessage());
            }
        }
    }
}
