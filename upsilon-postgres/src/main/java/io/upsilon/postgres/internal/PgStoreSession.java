package io.upsilon.postgres.internal;

import io.upsilon.Version;
import io.upsilon.postgres.PostgresSettings;
import io.upsilon.spi.StoreSession;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's connection. Its outcome row, the data-version bump, the change notification and the fencing check go
 * into one transaction, which for a transactional task is the task's own, and are sent to the server together in
 * one round trip before the commit. The connection comes from and goes back to a {@link PgTaskSessions}.
 */
final class PgStoreSession implements StoreSession {

    private static final Logger LOG = LoggerFactory.getLogger(PgStoreSession.class);

    private final Connection connection;
    private final PostgresSettings settings;
    private final boolean transactional;
    private final LockTable lockTable;
    private final String history;
    private final PgTaskSessions run;
    private boolean committed;

    /** {@code connection} has the statement lock timeout set and auto-commit off when {@code transactional}. */
    PgStoreSession(Connection connection, PostgresSettings settings, boolean transactional, PgTaskSessions run,
                   LockTable lockTable) {
        this.connection = connection;
        this.settings = settings;
        this.transactional = transactional;
        this.lockTable = lockTable;
        this.history = settings.table("history");
        this.run = run;
    }

    @Override
    public Connection connection() {
        return connection;
    }

    @Override
    public TaskRecord recordRunning(TaskRecord record) {
        return inTransaction("record the start of task " + record.task(), () -> {
            try (PreparedStatement ps = connection.prepareStatement("UPDATE " + history + " SET status = ?,"
                    + " finished_at = now() WHERE version = ? AND task = ? AND status = ?")) {
                ps.setString(1, TaskStatus.INTERRUPTED.name());
                ps.setString(2, record.version().toString());
                ps.setString(3, record.task());
                ps.setString(4, TaskStatus.RUNNING.name());
                ps.executeUpdate();
            }
            long id = insert(record);
            lockTable.checkFence(connection, record.fencingToken());
            return record.withId(id);
        });
    }

    /**
     * One round trip: the fencing check (a {@code DO} block that locks the lock row and raises unless the token is the
     * live holder's), the history row, with a bump the data version and its notification (delivered at commit), then
     * {@code COMMIT} and, for a connection kept for the next task, its reset. A refused fence aborts the transaction,
     * so the {@code COMMIT} after it never runs and nothing of the task is committed.
     */
    @Override
    public TaskRecord commit(TaskRecord record, Version newDataVersion) {
        boolean finish = record.id() > 0;
        String sql = lockTable.fenceBlock(record.fencingToken()) + "; "
                + (finish ? UPDATE_SQL : INSERT_SQL).formatted(history)
                + (newDataVersion == null ? "" : "; " + bumpSql()) + "; COMMIT" + run.afterCommitSql();
        try {
            connection.setAutoCommit(false);
            long id = record.id();
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                int next = finish ? bindUpdate(ps, 1, record) : bindInsert(ps, 1, record);
                bindBump(ps, next, newDataVersion, record.nodeId());
                ps.execute();
                if (!finish) {
                    id = firstLong(ps);
                }
            }
            committed = true;
            if (!transactional) {
                connection.setAutoCommit(true);
            }
            return record.withId(id);
        } catch (SQLException e) {
            rollbackQuietly();
            throw LockTable.isFenceRefusal(e) ? LockTable.fenced(e) : PgVersionStore.storeFailure("commit task "
                    + record.task(), e);
        }
    }

    /** The first column of the first result set among a multi-statement execution's results. */
    private static long firstLong(PreparedStatement ps) throws SQLException {
        for (boolean rows = ps.getResultSet() != null; rows || ps.getUpdateCount() != -1; rows = ps.getMoreResults()) {
            if (rows) {
                try (ResultSet rs = ps.getResultSet()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        }
        throw new SQLException("the history insert returned no id");
    }

    private String bumpSql() {
        // the notification is delivered at commit, so waiting and old nodes learn of the new version at once
        return "INSERT INTO " + settings.table("data_version") + " (id, version, updated_at, updated_by)"
                + " VALUES (1, ?, now(), ?) ON CONFLICT (id) DO UPDATE SET version = EXCLUDED.version,"
                + " updated_at = now(), updated_by = EXCLUDED.updated_by; SELECT pg_notify(?, ?)";
    }

    private void bindBump(PreparedStatement ps, int i, Version version, String nodeId) throws SQLException {
        if (version != null) {
            ps.setString(i, version.toString());
            ps.setString(i + 1, nodeId);
            ps.setString(i + 2, settings.versionChannel());
            ps.setString(i + 3, version.toString());
        }
    }

    @Override
    public void fail(TaskRecord record) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            connection.setAutoCommit(true);
            if (record.id() > 0) {
                update(record);
            } else {
                insert(record);
            }
        } catch (SQLException e) {
            // the task may have ended its own session (pg_terminate_backend): record its failure on a fresh one
            try (Connection fresh = run.dataSource().getConnection()) {
                fresh.setAutoCommit(true);
                if (record.id() > 0) {
                    update(fresh, record);
                } else {
                    insert(fresh, record);
                }
            } catch (SQLException again) {
                // the task's failure is what matters; losing its history row must not hide it
                LOG.warn("Could not record the failure of task {}: {}", record.task(), again.getMessage());
            }
        }
    }

    @Override
    public boolean isTransient(Throwable failure) {
        return SqlStates.isTransient(failure);
    }

    @Override
    public Optional<String> remedy(Throwable failure) {
        if (SqlStates.isConnectionLoss(failure)) {
            return Optional.of("the task's database connection was lost (ended by the server, an administrator or the"
                    + " network): check that the database is reachable and that nothing ends Upsilon's sessions");
        }
        if (SqlStates.isLockTimeout(failure)) {
            return Optional.of("a table lock the task needs was held by another session for longer than lock_timeout ("
                    + settings.lockTimeout().toMillis() + " ms), so the task gave up rather than queue the"
                    + " application's queries behind it: end the blocking session (often one idle in transaction;"
                    + " see pg_blocking_pids() and pg_stat_activity) or raise the lock timeout in PostgresSettings");
        }
        return Optional.empty();
    }

    @Override
    public void close() {
        boolean reusable = committed;
        try {
            if (!connection.isClosed() && !connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            LOG.debug("Cleaning up a task connection failed: {}", e.getMessage());
            reusable = false;
        }
        run.release(connection, reusable);
    }

    private <T> T inTransaction(String what, SqlWork<T> work) {
        try {
            connection.setAutoCommit(false);
            T result = work.run();
            connection.commit();
            if (!transactional) {
                connection.setAutoCommit(true);
            }
            return result;
        } catch (SQLException e) {
            rollbackQuietly();
            throw PgVersionStore.storeFailure(what, e);
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed: {}", e.getMessage());
        }
    }

    private static final String INSERT_SQL = "INSERT INTO %s (version, task, checksum, status, node_id,"
            + " fencing_token, started_at, finished_at, duration_ms, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            + " RETURNING id";
    private static final String UPDATE_SQL = "UPDATE %s SET status = ?, finished_at = ?, duration_ms = ?, error = ?"
            + " WHERE id = ?";

    private long insert(TaskRecord r) throws SQLException {
        return insert(connection, r);
    }

    private long insert(Connection on, TaskRecord r) throws SQLException {
        try (PreparedStatement ps = on.prepareStatement(INSERT_SQL.formatted(history))) {
            bindInsert(ps, 1, r);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static int bindInsert(PreparedStatement ps, int i, TaskRecord r) throws SQLException {
        ps.setString(i, r.version().toString());
        ps.setString(i + 1, r.task());
        ps.setString(i + 2, r.checksum().orElse(null));
        ps.setString(i + 3, r.status().name());
        ps.setString(i + 4, r.nodeId());
        ps.setLong(i + 5, r.fencingToken());
        ps.setTimestamp(i + 6, Timestamp.from(r.startedAt()));
        ps.setTimestamp(i + 7, r.finishedAt().map(Timestamp::from).orElse(null));
        ps.setObject(i + 8, r.duration().map(d -> d.toMillis()).orElse(null));
        ps.setString(i + 9, r.error().orElse(null));
        return i + 10;
    }

    private void update(TaskRecord r) throws SQLException {
        update(connection, r);
    }

    private void update(Connection on, TaskRecord r) throws SQLException {
        try (PreparedStatement ps = on.prepareStatement(UPDATE_SQL.formatted(history))) {
            bindUpdate(ps, 1, r);
            ps.executeUpdate();
        }
    }

    private static int bindUpdate(PreparedStatement ps, int i, TaskRecord r) throws SQLException {
        ps.setString(i, r.status().name());
        ps.setTimestamp(i + 1, r.finishedAt().map(Timestamp::from).orElse(null));
        ps.setObject(i + 2, r.duration().map(d -> d.toMillis()).orElse(null));
        ps.setString(i + 3, r.error().orElse(null));
        ps.setLong(i + 4, r.id());
        return i + 5;
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }
}
