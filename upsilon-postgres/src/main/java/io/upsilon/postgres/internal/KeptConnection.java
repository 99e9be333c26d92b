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
 * one of its own and closes it after use, so there is never more than one idle. Work that fails on the kept
 * connection because the session is gone is retried once on a new one ({@link #run}): a kept session may have been
 * ended by the server meanwhile. Any failure closes the connection it happened on.
 *
 * <p>One instance serves all the components of one {@code PostgresBackend}: the node registry decides when a
 * connection is kept ({@link #run} with {@code keep}, while its node is not serving yet); the version store's short
 * statements {@link #borrow} it when one is idle, and the advisory lock tries the lock on it ({@link #takeIdle}), so
 * that a waiting node's data-version read and lock attempt cost statements, not sessions.
 */
public final class KeptConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KeptConnection.class);

    private final DataSource dataSource;
    private Connection idle; // guarded by this
    private boolean closed; // guarded by this
    private boolean keeping; // guarded by this: the owner's last word (run with keep), which borrowers follow

    public KeptConnection(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Work on a connection in auto-commit mode; it must leave no transaction open. */
    @FunctionalInterface
    interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    /**
     * For the owner: runs {@code work} on the kept connection (or a new one when it is in use), keeping the
     * connection afterwards when {@code keep}, else closing it; {@code keep} is also what {@link #borrow} and
     * {@link #giveBack} follow from now on. Work that fails because the kept session is gone is retried once on a
     * new one.
     */
    <T> T run(boolean keep, Work<T> work) throws SQLException {
        synchronized (this) {
            keeping = keep;
        }
        return run(keep, keep, work);
    }

    /**
     * Runs {@code work} on the idle connection if there is one, and keeps it afterwards unless the owner has stopped
     * keeping meanwhile; else on a new connection, closed after use: only the owner of the kept connection
     * ({@link #run} with {@code keep}) decides to keep one. (A node's worker may read on the kept connection while
     * its heartbeat thread records READY, which closes it: the worker's read must not put it back for good.)
     */
    <T> T borrow(Work<T> work) throws SQLException {
        return run(true, false, work);
    }

    private <T> T run(boolean keepKept, boolean keepFresh, Work<T> work) throws SQLException {
        Connection kept = takeIdle();
        if (kept != null) {
            try {
                T result = work.on(kept);
                giveBack(kept, keepKept);
                return result;
            } catch (SQLException e) {
                closeQuietly(kept);
                if (!lost(e)) {
                    throw e; // the statement's own failure (a missing table, say): a new session would fail alike
                }
                LOG.debug("A kept connection failed ({}); retrying on a new one", e.getMessage());
            }
        }
        Connection fresh = dataSource.getConnection();
        try {
            T result = work.on(fresh);
            giveBack(fresh, keepFresh);
            fresh = null;
            return result;
        } finally {
            closeQuietly(fresh);
        }
    }

    /**
     * Takes the idle connection out of keeping, if there is one: the caller owns it and must close it or hand it
     * back with {@link #giveBack}. For a connection that may end up holding a session lock, which must never be
     * left idle for another statement to run on.
     */
    synchronized Connection takeIdle() {
        Connection c = idle;
        idle = null;
        return c;
    }

    /**
     * Keeps {@code c} as the idle connection when {@code keep}, the owner still keeps one and none is idle (and this
     * is open); else closes it.
     */
    void giveBack(Connection c, boolean keep) {
        synchronized (this) {
            if (keep && keeping && !closed && idle == null) {
                idle = c;
                return;
            }
        }
        closeQuietly(c);
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

    /**
     * Whether {@code e} says the session is gone (a connection exception, SQLSTATE class 08, or the server ending it,
     * 57P01–57P03), as a kept session may be after idling: then the work is worth one more try on a new session.
     */
    static boolean lost(SQLException e) {
        String state = e.getSQLState();
        return state == null || state.startsWith("08") || state.startsWith("57P");
    }

    static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("Closing a kept connection failed: {}", e.getMessage());
            }
        }
    }
}
