package io.upsilon.postgres.internal;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresSettings;
import io.upsilon.spi.TaskRecord;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The writes an operator asks for rather than an upgrade: a baseline and a repair. Each is one transaction that
 * commits only under the current fencing token.
 */
final class PgHistoryRepairs {

    private final DataSource dataSource;
    private final PostgresSettings settings;
    private final LockTable lockTable;

    PgHistoryRepairs(DataSource dataSource, PostgresSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.lockTable = new LockTable(settings);
    }

    void baseline(List<TaskRecord> rows, Version version, long token) {
        inTransaction("record the baseline", c -> {
            refuseIfHistory(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + settings.table("history") + " (version,"
                    + " task, checksum, status, node_id, fencing_token, started_at, finished_at, duration_ms)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0)")) {
                for (TaskRecord r : rows) {
                    ps.setString(1, r.version().toString());
                    ps.setString(2, r.task());
                    ps.setString(3, r.checksum().orElse(null));
                    ps.setString(4, r.status().name());
                    ps.setString(5, r.nodeId());
                    ps.setLong(6, token);
                    ps.setTimestamp(7, Timestamp.from(r.startedAt()));
                    ps.setTimestamp(8, Timestamp.from(r.finishedAt().orElse(r.startedAt())));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + settings.table("data_version")
                    + " (id, version, updated_at, updated_by) VALUES (1, ?, now(), ?)")) {
                ps.setString(1, version.toString());
                ps.setString(2, rows.isEmpty() ? "baseline" : rows.get(0).nodeId());
                ps.executeUpdate();
            }
            lockTable.checkFence(c, token);
        });
    }

    void repair(Map<Long, String> checksums, Collection<Long> removedRows, long token) {
        inTransaction("repair the history", c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE " + settings.table("history")
                    + " SET checksum = ? WHERE id = ?");
                 PreparedStatement delete = c.prepareStatement("DELETE FROM " + settings.table("history")
                         + " WHERE id = ?")) {
                for (Map.Entry<Long, String> e : checksums.entrySet()) {
                    update.setString(1, e.getValue());
                    update.setLong(2, e.getKey());
                    update.addBatch();
                }
                update.executeBatch();
                for (long id : removedRows) {
                    delete.setLong(1, id);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            // the digest recorded beside the data version was validated against the history as it was
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + settings.table("data_version")
                    + " SET manifest_digest = NULL WHERE id = 1")) {
                ps.executeUpdate();
            }
            lockTable.checkFence(c, token);
        });
    }

    private void refuseIfHistory(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT version FROM " + settings.table("data_version")
                + " WHERE id = 1), (SELECT count(*) FROM " + settings.table("history") + ")");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            String version = rs.getString(1);
            long rows = rs.getLong(2);
            if (version != null || rows > 0) {
                throw new UpsilonException(ErrorCode.BASELINE_REFUSED, "baseline refused: the database already has"
                        + " Upsilon history (data version " + (version == null ? "none" : version) + ", " + rows
                        + " history rows in " + settings.table("history") + "); a baseline is only for a database"
                        + " Upsilon has never upgraded: use 'upsilon validate' and 'upsilon repair' to fix this"
                        + " history, or --schema to keep Upsilon's tables elsewhere");
            }
        }
    }

    private void inTransaction(String what, SqlWork work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw PgVersionStore.storeFailure(what, e);
        }
    }

    @FunctionalInterface
    private interface SqlWork {
        void run(Connection connection) throws SQLException;
    }
}
