package io.upsilon.migrate.pg;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Row;
import io.upsilon.migrate.spi.CopyPage;
import io.upsilon.migrate.spi.SourceEntity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * One consistent view of the source, shared by {@code jobs} sessions: each is a read-only REPEATABLE READ transaction
 * that imported the same snapshot ({@code SET TRANSACTION SNAPSHOT}), either one a replication slot exported at its
 * consistent point or one the first session exported itself. A table is read in ranges of its heap blocks
 * ({@code ctid}, a TID range scan since PostgreSQL 14), so the copy needs no index at all and each range costs the
 * same wherever it lies. Close it to end the transactions (which releases the snapshot's hold on vacuum).
 */
public final class PgSnapshot implements AutoCloseable {

    /** A range of heap blocks: {@code [from, to)}, {@code to < 0} meaning "to the end". */
    public record Range(long from, long to) {
    }

    private final List<Connection> all = new ArrayList<>();
    private final BlockingQueue<Connection> idle;
    private final String name;

    private PgSnapshot(List<Connection> sessions, String name) {
        this.idle = new ArrayBlockingQueue<>(sessions.size());
        this.all.addAll(sessions);
        this.idle.addAll(sessions);
        this.name = name;
    }

    /**
     * Opens {@code jobs} sessions on one snapshot.
     *
     * @param exported a snapshot exported elsewhere (a replication slot's), or null to export one here
     */
    static PgSnapshot open(DataSource dataSource, String exported, int jobs) {
        List<Connection> sessions = new ArrayList<>();
        try {
            String snapshot = exported;
            for (int i = 0; i < jobs; i++) {
                Connection c = dataSource.getConnection();
                sessions.add(c);
                c.setAutoCommit(false);
                try (Statement s = c.createStatement()) {
                    s.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    if (snapshot != null) {
                        s.execute("SET TRANSACTION SNAPSHOT '" + snapshot.replace("'", "''") + "'");
                    } else {
                        try (ResultSet rs = s.executeQuery("SELECT pg_export_snapshot()")) {
                            rs.next();
                            snapshot = rs.getString(1);
                        }
                    }
                }
            }
            return new PgSnapshot(sessions, snapshot);
        } catch (SQLException e) {
            sessions.forEach(PgSnapshot::closeQuietly);
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot open a snapshot of the source: "
                    + e.getMessage() + "; check that the source database is reachable", e);
        }
    }

    /** The snapshot's name, as {@code pg_export_snapshot()} gave it. */
    public String name() {
        return name;
    }

    /**
     * The watermark that a later incremental read starts from: the start of the oldest transaction open when the
     * snapshot was taken (its rows, stamped at its start, may commit after the snapshot), or the snapshot's own time,
     * in the text form of the update-time field's type; with {@code updatedAt}, no later than the latest update
     * time in the snapshot either (so update times stamped behind the database's clock are read again too).
     * Sessions whose start another role cannot see count as not open: give the migrating role
     * {@code pg_read_all_stats}.
     *
     * @param updatedAt the update-time field, or null not to look at the rows
     */
    public String watermark(String type, String table, String updatedAt) {
        String latest = updatedAt == null ? "" : "(SELECT max(" + Sql.quote(updatedAt, "column") + ") FROM "
                + Sql.quote(table, "table") + ")";
        String sql = !type.startsWith("timestamp") ? "SELECT " + (latest.isEmpty() ? "NULL" : latest) + "::text"
                : "SELECT LEAST(now()::" + type + ", (SELECT min(xact_start) FROM pg_stat_activity WHERE xact_start IS"
                + " NOT NULL AND backend_type = 'client backend')::" + type + (latest.isEmpty() ? "" : ", " + latest)
                + ")::text";
        return withSession(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    /**
     * How many heap blocks hold about {@code rowsPerRange} rows, judged from the planner's statistics (or, before the
     * first {@code ANALYZE}, from a guess of 60 rows a block).
     */
    public long blocksPerRange(String table, int rowsPerRange) {
        return withSession(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT relpages, reltuples FROM pg_class WHERE oid ="
                    + " ?::regclass")) {
                ps.setString(1, Sql.quote(table, "table"));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long pages = rs.getLong(1);
                    double tuples = rs.getDouble(2);
                    double perBlock = pages > 0 && tuples > 0 ? tuples / pages : 60;
                    return Math.max(1, (long) (rowsPerRange / perBlock));
                }
            }
        });
    }

    /** The table's heap cut into ranges of {@code step} blocks; the last one is open-ended. */
    public List<Range> ranges(String table, long step) {
        return withSession(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT greatest(pg_relation_size(?::regclass)"
                    + " / current_setting('block_size')::bigint, 1)")) {
                ps.setString(1, Sql.quote(table, "table"));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long blocks = rs.getLong(1);
                    List<Range> ranges = new ArrayList<>();
                    for (long from = 0; from < blocks; from += step) {
                        ranges.add(new Range(from, from + step >= blocks ? -1 : from + step));
                    }
                    return ranges;
                }
            }
        });
    }

    /** The rows of one range as {@code COPY} output of {@code columns}, binary or text. */
    public CopyPage copy(SourceEntity entity, List<String> columns, Range range, boolean binary) {
        String select = "SELECT " + Sql.columns(columns) + " FROM " + Sql.quote(entity.table(), "table")
                + where(range);
        return withSession(c -> {
            byte[] data = PgSourceStore.copyOut(c.unwrap(PGConnection.class), select,
                    binary ? " WITH (FORMAT binary)" : "");
            return binary ? CopyPage.binary(columns, data, data.length, entity.updatedAt())
                    : new CopyPage(columns, data, data.length);
        });
    }

    /** The rows of one range, every field in text form. */
    public List<Row> rows(SourceEntity entity, Range range) {
        String select = "SELECT * FROM " + Sql.quote(entity.table(), "table") + where(range);
        return withSession(c -> {
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(select)) {
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        rows.add(Sql.row(rs, md));
                    }
                }
            }
            return rows;
        });
    }

    private static String where(Range range) {
        return " WHERE ctid >= '(" + range.from() + ",0)'::tid"
                + (range.to() < 0 ? "" : " AND ctid < '(" + range.to() + ",0)'::tid");
    }

    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs on an idle session, waiting for one: never more statements at once than sessions. */
    private <T> T withSession(Work<T> work) {
        Connection c;
        try {
            c = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "interrupted while reading the snapshot", e);
        }
        try {
            return work.run(c);
        } catch (SQLException e) {
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot read the source snapshot: " + e.getMessage()
                    + "; check that the source database is reachable", e);
        } finally {
            idle.add(c);
        }
    }

    @Override
    public void close() {
        all.forEach(PgSnapshot::closeQuietly);
    }

    private static void closeQuietly(Connection c) {
        try {
            c.rollback();
            c.close();
        } catch (SQLException ignored) {
            // the session ends with its connection either way
        }
    }
}
