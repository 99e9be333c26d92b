package io.upsilon.postgres.internal;

import io.upsilon.postgres.PostgresSettings;
import io.upsilon.spi.StoreSession;
import io.upsilon.spi.TaskSessions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection for a lock holder's consecutive tasks instead of one per task; pgJDBC's per-connection statement
 * cache then also prepares the history and fencing statements once. Each task's statement lock timeout is set in the
 * task's own transaction ({@code SET LOCAL}), never on the session: behind PgBouncer in transaction pooling a session
 * setting stays on whichever server connection ran it, reaching other clients and missing this one's next
 * transaction. A connection
 * goes back for the next task only after its task committed; after any failure it is closed, so a retry or the next
 * run starts on a new session. Between tasks the session is reset ({@link #RESET}) so that one task's session state
 * (settings, temporary tables, listeners) does not reach the next, as it could not when every task had a connection
 * of its own.
 */
final class PgTaskSessions implements TaskSessions {

    private static final Logger LOG = LoggerFactory.getLogger(PgTaskSessions.class);

    /** What {@code DISCARD ALL} does except deallocating the driver's prepared statements (and it pipelines). */
    private static final String RESET = "CLOSE ALL; RESET ALL; UNLISTEN *; SELECT pg_advisory_unlock_all();"
            + " DISCARD TEMP; DISCARD SEQUENCES";

    private final DataSource dataSource;
    private final PostgresSettings settings;
    private final boolean reuse;
    private final LockTable lockTable;
    private Connection idle;

    /** {@code reuse} false: each session's connection is closed with it, as for a single task. */
    PgTaskSessions(DataSource dataSource, PostgresSettings settings, boolean reuse) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.reuse = reuse;
        this.lockTable = new LockTable(settings);
    }

    /** Where a session records a failure when its task ended its own connection. */
    DataSource dataSource() {
        return dataSource;
    }

    @Override
    public StoreSession open(boolean transactional) {
        Connection connection = idle;
        idle = null;
        try {
            if (connection == null) {
                connection = dataSource.getConnection();
            }
            connection.setAutoCommit(!transactional);
            setLockTimeout(connection, transactional);
            return new PgStoreSession(connection, settings, transactional, this, lockTable);
        } catch (SQLException e) {
            closeQuietly(connection);
            throw PgVersionStore.storeFailure("open a connection for a task", e);
        }
    }

    /**
     * What a session sends after its {@code COMMIT}, in the same round trip: the reset, when the connection is kept
     * for the next task.
     */
    String afterCommitSql() {
        return reuse ? "; " + RESET : "";
    }

    /**
     * Takes back a session's connection: kept for the next task when its task committed (the commit reset it),
     * else closed.
     */
    void release(Connection connection, boolean committed) {
        if (!reuse || !committed || idle != null) {
            closeQuietly(connection);
            return;
        }
        try {
            connection.setAutoCommit(true);
            idle = connection;
        } catch (SQLException e) {
            LOG.debug("Keeping a task connection failed, closing it: {}", e.getMessage());
            closeQuietly(connection);
        }
    }

    /**
     * A transactional task's timeout is {@code SET LOCAL}: it opens the task's transaction (pgJDBC sends the
     * {@code BEGIN} with it) and ends with it, wherever a pooler runs it. A non-transactional task's statements run
     * each in a transaction of its own, so only a session setting covers them; the commit's {@link #RESET} (or the
     * connection's close) takes it away again. Behind PgBouncer in transaction pooling that setting reaches only the
     * server connection that ran it: such tasks ({@code CREATE INDEX CONCURRENTLY}) should set their own
     * {@code lock_timeout} in each statement's transaction there.
     */
    private void setLockTimeout(Connection connection, boolean transactional) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute((transactional ? "SET LOCAL" : "SET") + " lock_timeout = " + settings.lockTimeout().toMillis());
        }
    }

    @Override
    public void close() {
        closeQuietly(idle);
        idle = null;
    }

    private static void closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing a task connection failed: {}", e.getMessage());
            }
        }
    }
}
