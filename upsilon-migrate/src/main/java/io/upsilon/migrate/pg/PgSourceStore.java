package io.upsilon.migrate.pg;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Row;
import io.upsilon.migrate.spi.CopyPage;
import io.upsilon.migrate.spi.CopyPageSource;
import io.upsilon.migrate.spi.Field;
import io.upsilon.migrate.spi.Position;
import io.upsilon.migrate.spi.SourceEntity;
import io.upsilon.migrate.spi.SourceStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * Reads entities from PostgreSQL by keyset pagination on (update time, key): each page is one query
 * {@code WHERE (updated, k…) > (…) ORDER BY updated, k… LIMIT n}, read through a server-side cursor, so pages cost
 * the same at the end of a table as at its start and a resumed run starts exactly after its last row.
 */
public final class PgSourceStore implements SourceStore, CopyPageSource {

    /** The update-time types a transaction stamps from the database's clock: the horizon applies to them. */
    private static final String CLOCK_TYPES_TEXT = "timestamptz, timestamp, date";
    private static final java.util.Set<String> CLOCK_TYPES = java.util.Set.of(CLOCK_TYPES_TEXT.split(", "));

    private final DataSource dataSource;
    private final Runnable onClose;
    private final Map<String, List<Field>> fields = new ConcurrentHashMap<>();

    public PgSourceStore(DataSource dataSource) {
        this(dataSource, () -> { });
    }

    /** A store that runs {@code onClose} when closed, e.g. to shut the pool it was given. */
    public PgSourceStore(DataSource dataSource, Runnable onClose) {
        this.onClose = onClose;
        this.dataSource = dataSource;
    }

    private static String from(SourceEntity entity) {
        return entity.query() != null ? "(" + entity.query() + ") AS s" : Sql.quote(entity.table(), "table") + " AS s";
    }

    @Override
    public List<Field> describe(SourceEntity entity) {
        return fields.computeIfAbsent(entity.name(), n -> {
            try (Connection c = dataSource.getConnection()) {
                return Sql.describe(c, from(entity));
            } catch (SQLException e) {
                throw failure(entity, e);
            }
        });
    }

    /**
     * The keyset query of a page: {@code select} from the entity after {@code after}, in (update time, key) order.
     *
     * @param bind turns a text value into SQL standing for it (a {@code ?} placeholder, or a quoted literal)
     */
    private String keyset(SourceEntity entity, String select, Position after, int limit,
                          Function<String, String> bind) {
        List<Field> described = describe(entity);
        List<String> order = new ArrayList<>();
        order.add(entity.updatedAt());
        order.addAll(entity.key());
        StringBuilder sql = new StringBuilder("SELECT ").append(select).append(" FROM ").append(from(entity));
        if (after.updatedAt().isPresent() && !after.key().isEmpty()) {
            List<String> values = new ArrayList<>();
            values.add(after.updatedAt().get());
            values.addAll(after.key());
            sql.append(" WHERE (").append(Sql.columns(order)).append(") > (");
            for (int i = 0; i < order.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append(bind.apply(values.get(i))).append("::")
                        .append(Sql.type(described, order.get(i)));
            }
            sql.append(')');
        } else if (after.updatedAt().isPresent()) {
            sql.append(" WHERE ").append(Sql.quote(entity.updatedAt(), "column")).append(" >= ")
                    .append(bind.apply(after.updatedAt().get())).append("::")
                    .append(Sql.type(described, entity.updatedAt())).append(" - ")
                    .append(bind.apply(after.rewind().toMillis() + " milliseconds")).append("::interval");
        }
        return sql.append(" ORDER BY ").append(Sql.columns(order)).append(" LIMIT ").append(limit).toString();
    }

    @Override
    public List<Row> page(SourceEntity entity, Position after, int limit) {
        List<String> params = new ArrayList<>();
        String sql = keyset(entity, "*", after, limit, value -> {
            params.add(value);
            return "?";
        });
        List<Row> rows = new ArrayList<>(Math.min(limit, 10_000));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // a server-side cursor needs a transaction
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(Math.min(limit, 10_000));
                for (int i = 0; i < params.size(); i++) {
                    ps.setString(i + 1, params.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        rows.add(Sql.row(rs, md));
                    }
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw failure(entity, e);
        }
        return rows;
    }

    /** This store itself: it gives {@code COPY} pages. */
    @Override
    public java.util.Optional<CopyPageSource> copyPages() {
        return java.util.Optional.of(this);
    }

    /**
     * The page as {@code COPY (keyset query) TO STDOUT}: the server writes each value straight into the stream, with
     * no per-cell work in the driver. {@code COPY} takes no parameters, so the position's values are inlined as
     * literals quoted by the driver (for the server's {@code standard_conforming_strings}). A binary page is two
     * statements in one repeatable-read snapshot, so they see the same rows: a one-row query for the page's last
     * update time and key (as text, for the checkpoint) and its counts, then the binary {@code COPY} of every column.
     */
    @Override
    public CopyPage copyPage(SourceEntity entity, List<String> columns, Position after, int limit, boolean binary,
                             String freshAfter) {
        try (Connection c = dataSource.getConnection()) {
            PGConnection pg = c.unwrap(PGConnection.class);
            if (!binary) {
                byte[] text = copyOut(pg, keyset(entity, Sql.columns(columns), after, limit, v -> literal(pg, v)), "");
                return new CopyPage(columns, text, text.length);
            }
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            c.setReadOnly(true);
            try {
                Row last = new Row();
                long[] counts = lastAndCounts(c, entity, after, limit, freshAfter, last);
                byte[] data = copyOut(pg, keyset(entity, Sql.columns(columns), after, limit, v -> literal(pg, v)),
                        " WITH (FORMAT binary)");
                return CopyPage.binary(columns, data, data.length, (int) counts[0], last, entity.updatedAt(),
                        freshAfter, counts[1]);
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw failure(entity, e);
        }
    }

    /**
     * Reads the page's last update time and key into {@code last} (text form, as {@link #page} gives them) and
     * returns its row count and how many of its update times sort after {@code freshAfter} as text. Only the index
     * entries are read, and only the last row is formatted (and every update time when {@code freshAfter} is given).
     */
    private long[] lastAndCounts(Connection c, SourceEntity entity, Position after, int limit, String freshAfter,
                                 Row last) throws SQLException {
        List<String> order = new ArrayList<>();
        order.add(entity.updatedAt());
        order.addAll(entity.key());
        List<String> params = new ArrayList<>();
        String keyset = keyset(entity, Sql.columns(order), after, limit, value -> {
            params.add(value);
            return "?";
        });
        String fresh = freshAfter == null ? "0"
                : "count(*) FILTER (WHERE " + Sql.quote(entity.updatedAt(), "column") + "::text COLLATE \"C\" > ?)"
                        + " OVER ()";
        String descending = order.stream().map(f -> Sql.quote(f, "column") + " DESC").collect(Collectors.joining(", "));
        String sql = "SELECT s.*, count(*) OVER () AS upsilon_rows, " + fresh + " AS upsilon_fresh FROM (" + keyset
                + ") AS s ORDER BY " + descending + " LIMIT 1";
        if (freshAfter != null) {
            params.add(0, freshAfter); // its placeholder comes first in the text, in the select list
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.size(); i++) {
                ps.setString(i + 1, params.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return new long[] {0, 0};
                }
                for (String field : order) {
                    last.put(field, rs.getString(field));
                }
                return new long[] {rs.getLong("upsilon_rows"), rs.getLong("upsilon_fresh")};
            }
        }
    }

    /** The output of {@code COPY (select) TO STDOUT options}. */
    static byte[] copyOut(PGConnection pg, String select, String options) throws SQLException {
        CopyOut out = pg.getCopyAPI().copyOut("COPY (" + select + ") TO STDOUT" + options);
        byte[] data = new byte[64 * 1024];
        int used = 0;
        try {
            byte[] message;
            while ((message = out.readFromCopy()) != null) {
                if (used + message.length > data.length) {
                    data = Arrays.copyOf(data, Math.max(data.length * 2, used + message.length));
                }
                System.arraycopy(message, 0, data, used, message.length);
                used += message.length;
            }
        } finally {
            if (out.isActive()) {
                out.cancelCopy();
            }
        }
        return Arrays.copyOf(data, used);
    }

    private static String literal(PGConnection pg, String value) {
        try {
            return "'" + pg.escapeLiteral(value) + "'";
        } catch (SQLException e) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "cannot quote position value '" + value + "': "
                    + e.getMessage());
        }
    }

    @Override
    public Map<String, Row> lookup(String table, String field, Collection<String> values) {
        Map<String, Row> found = new HashMap<>();
        if (values.isEmpty()) {
            return found;
        }
        SourceEntity lookup = new SourceEntity("lookup:" + table, table, null, List.of(field), field);
        String type = Sql.type(describe(lookup), field);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM " + Sql.quote(table, "table") + " WHERE "
                     + Sql.quote(field, "column") + " = ANY (?::text[]::" + type + "[])")) {
            ps.setArray(1, c.createArrayOf("text", values.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Row row = Sql.row(rs, md);
                    found.put(row.get(field), row);
                }
            }
            return found;
        } catch (SQLException e) {
            throw failure(lookup, e);
        }
    }

    /**
     * The start of the oldest transaction open on the source database now, other than this session's (or now, when
     * none is), in the update-time column's type; empty unless that type is a clock's ({@value #CLOCK_TYPES_TEXT}).
     *
     * <p>Why this bounds a late commit. A row a page cannot see belongs to a transaction that had not committed when
     * the page's snapshot was taken, after this query. That transaction was either open during this query (so its
     * {@code xact_start}, which is its {@code now()}, is counted here) or began after it (so its {@code now()} is
     * later than this query's). Either way every stamp it takes, {@code now()} or {@code clock_timestamp()}, is at
     * or after the answer, and a watermark held at the answer re-reads it. The query runs before the pages, not in
     * their snapshot: {@code pg_stat_activity} is not transactional, and a transaction that commits between a page and
     * a later check would be missed. Every client backend counts, with or without an xid or a snapshot: a
     * transaction that has not written yet may still write rows stamped with its start. Limits: only sessions this
     * role may see count ({@code pg_stat_activity} hides other roles' {@code xact_start} unless the role is a
     * superuser or has {@code pg_read_all_stats}); stamps taken by the application's own clock, not the database's,
     * are guarded only by the overlap; a {@code timestamp} column (without time zone) is compared in this session's
     * time zone, so the application's sessions must stamp in the same one.
     */
    @Override
    public java.util.Optional<String> openTransactionsSince(SourceEntity entity) {
        String type = Sql.type(describe(entity), entity.updatedAt());
        if (!CLOCK_TYPES.contains(type)) {
            return java.util.Optional.empty();
        }
        String sql = "SELECT CAST(LEAST(now(), (SELECT min(xact_start) FROM pg_stat_activity"
                + " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                + " AND backend_type = 'client backend')) AS " + type + ") AS upsilon_horizon";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            // through the same conversion as the pages' values, so the two compare as text
            return java.util.Optional.ofNullable(Sql.row(rs, rs.getMetaData()).get("upsilon_horizon"));
        } catch (SQLException e) {
            throw failure(entity, e);
        }
    }

    /**
     * Opens one consistent snapshot of the source on {@code jobs} sessions, for a first copy in parallel ranges.
     *
     * @param exported a snapshot a replication slot exported at its consistent point, or null for a new one
     */
    public PgSnapshot snapshot(String exported, int jobs) {
        // sessions of their own, beside the pool: they hold their transaction for the whole copy, and the pool
        // stays free for the merges' lookups
        return PgSnapshot.open(PgAddress.readable(dataSource) ? PgAddress.of(dataSource).plain() : dataSource,
                exported, jobs);
    }

    /**
     * The entity's current rows whose {@code fields} hold one of {@code values}: the rows a captured change names (by
     * key), or the rows that reference a changed looked-up row (by the merge's field). One query per call.
     */
    public List<Row> rowsWhere(SourceEntity entity, List<String> fields, Collection<List<String>> values) {
        if (values.isEmpty()) {
            return new ArrayList<>();
        }
        try {
            return Sql.rowsWithKeys(dataSource, from(entity), describe(entity), fields, values);
        } catch (SQLException e) {
            throw failure(entity, e);
        }
    }

    /**
     * How many rows of {@code entity} have an update time at or after {@code from} minus {@code overlap} (every row
     * when {@code from} is empty): what a run from that position reads, for an ETA. One {@code count(*)}, bounded to
     * a minute.
     */
    public long countFrom(SourceEntity entity, java.util.Optional<String> from, java.time.Duration overlap) {
        String sql = "SELECT count(*) FROM " + from(entity) + (from.isEmpty() ? ""
                : " WHERE " + Sql.quote(entity.updatedAt(), "column") + " + ?::interval >= ?");
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setQueryTimeout(60);
            if (from.isPresent()) {
                ps.setString(1, overlap.toMillis() + " milliseconds");
                ps.setObject(2, from.get(), java.sql.Types.OTHER); // typed by the server as the column's type
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw failure(entity, e);
        }
    }

    /** The data source, for the change capture's own sessions (see {@link PgAddress}). */
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void scan(SourceEntity entity, Consumer<Row> each) {
        try {
            Sql.stream(dataSource, "SELECT * FROM " + from(entity), each);
        } catch (SQLException e) {
            throw failure(entity, e);
        }
    }

    private static UpsilonException failure(SourceEntity entity, SQLException e) {
        if (Sql.isMissingRelation(e)) {
            return new UpsilonException(ErrorCode.BAD_INPUT, "entity " + entity.name() + ": source "
                    + (entity.table() != null ? "table " + entity.table() : "query") + " does not exist ("
                    + e.getMessage() + "); fix the spec");
        }
        return new UpsilonException(ErrorCode.STORE_FAILURE, "entity " + entity.name() + ": cannot read the source: "
                + e.getMessage() + "; check that the source database is reachable", e);
    }

    @Override
    public void close() {
        onClose.run();
    }
}
