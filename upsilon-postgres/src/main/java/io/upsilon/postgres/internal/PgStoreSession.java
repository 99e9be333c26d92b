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
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's connection. Its outcome row, the data-version bump, the change notification and the fencing check go
 * into one transaction, which for a transactional task is the task's own.
 */
final class PgStoreSession implements StoreSession {

    private static final Logger LOG = LoggerFactory.getLogger(PgStoreSession.class);

    private final Connection connection;
    /** Where a failure is recorded when the task's own connection is gone. */
    private final DataSource reconnect;
    private final PostgresSettings settings;
    private final boolean transactional;
    private final LockTable lockTable;
    private final String history;

    PgStoreSession(DataSource reconnect, PostgresSettings settings, boolean transactional) throws SQLException {
        this.reconnect = reconnect;
        this.connection = reconnect.getConnection();
        this.settings = settings;
        this.transactional = transactional;
        this.lockTable = new LockTable(settings);
        this.history = settings.table("history");
        try (Statement s = connection.createStatement()) {
            // SET (not SET LOCAL) so the timeout also covers a non-transactional task's statements; close() resets it
            s.execute("SET lock_timeout = " + settings.lockTimeout().toMillis());
        }
        connection.setAutoCommit(!transactional);
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

    @Override
    public TaskRecord commit(TaskRecord record, Version newDataVersion) {
        return inTransaction("commit task " + record.task(), () -> {
            long id = record.id();
            if (id > 0) {
                update(record);
            } else {
                id = insert(record);
            }
            if (newDataVersion != null) {
                setDataVersion(newDataVersion, record.nodeId());
            }
            lockTable.checkFence(connection, record.fencingToken());
            return record.withId(id);
        });
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
            try (Connection fresh = reconnect.getConnection()) {
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
        try {
            if (!connection.isClosed()) {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
                try (Statement s = connection.createStatement()) {
                    s.execute("RESET lock_timeout");
                }
            }
        } catch (SQLException e) {
            LOG.debug("Cleaning up a task connection failed: {}", e.getMessage());
        } finally {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("Closing a task connection failed: {}", e.getMessage());
            }
        }
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

    private long insert(TaskRecord r) throws SQLException {
        return insert(connection, r);
    }

    private long insert(Connection on, TaskRecord r) throws SQLException {
        try (PreparedStatement ps = on.prepareStatement("INSERT INTO " + history + " (version, task, checksum,"
                + " status, node_id, fencing_token, started_at, finished_at, duration_ms, error)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")) {
            ps.setString(1, r.version().toString());
            ps.setString(2, r.task());
            ps.setString(3, r.checksum().orElse(null));
            ps.setString(4, r.status().name());
            ps.setString(5, r.nodeId());
            ps.setLong(6, r.fencingToken());
            ps.setTimestamp(7, Timestamp.from(r.startedAt()));
            ps.setTimestamp(8, r.finishedAt().map(Timestamp::from).orElse(null));
            ps.setObject(9, r.duration().map(d -> d.toMillis()).orElse(null));
            ps.setString(10, r.error().orElse(null));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private void update(TaskRecord r) throws SQLException {
        update(connection, r);
    }

    private void update(Connection on, TaskRecord r) throws SQLException {
        try (PreparedStatement ps = on.prepareStatement("UPDATE " + history + " SET status = ?,"
                + " finished_at = ?, duration_ms = ?, error = ? WHERE id = ?")) {
            ps.setString(1, r.status().name());
            ps.setTimestamp(2, r.finishedAt().map(Timestamp::from).orElse(null));
            ps.setObject(3, r.duration().map(d -> d.toMillis()).orElse(null));
            ps.setString(4, r.error().orElse(null));
            ps.setLong(5, r.id());
            ps.executeUpdate();
        }
    }

    private void setDataVersion(Version version, String nodeId) throws SQLException {
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO " + settings.table("data_version")
                + " (id, version, updated_at, updated_by) VALUES (1, ?, now(), ?) ON CONFLICT (id) DO UPDATE"
                + " SET version = EXCLUDED.version, updated_at = now(), updated_by = EXCLUDED.updated_by");
             PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, version.toString());
            ps.setString(2, nodeId);
            ps.executeUpdate();
            // delivered at commit, so waiting and old nodes learn of the new version without polling
            notify.setString(1, settings.versionChannel());
            notify.setString(2, version.toString());
            notify.executeQuery().close();
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }
}
