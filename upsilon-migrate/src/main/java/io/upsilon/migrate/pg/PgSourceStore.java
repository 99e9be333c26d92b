package io.upsilon.migrate.pg;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Row;
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
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Reads entities from PostgreSQL by keyset pagination on (update time, key): each page is one query
 * {@code WHERE (updated, k…) > (…) ORDER BY updated, k… LIMIT n}, read through a server-side cursor, so pages cost
 * the same at the end of a table as at its start and a resumed run starts exactly after its last row.
 */
public final class PgSourceStore implements SourceStore {

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

    @Override
    public List<Row> page(SourceEntity entity, Position after, int limit) {
        List<Field> described = describe(entity);
        List<String> order = new ArrayList<>();
        order.add(entity.updatedAt());
        order.addAll(entity.key());
        StringBuilder sql = new StringBuilder("SELECT * FROM ").append(from(entity));
        List<String> params = new ArrayList<>();
        if (after.updatedAt().isPresent() && !after.key().isEmpty()) {
            sql.append(" WHERE (").append(Sql.columns(order)).append(") > (");
            for (int i = 0; i < order.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("?::").append(Sql.type(described, order.get(i)));
            }
            sql.append(')');
            params.add(after.updatedAt().get());
            params.addAll(after.key());
        } else if (after.updatedAt().isPresent()) {
            sql.append(" WHERE ").append(Sql.quote(entity.updatedAt(), "column")).append(" >= ?::")
                    .append(Sql.type(described, entity.updatedAt())).append(" - ?::interval");
            params.add(after.updatedAt().get());
            params.add(after.rewind().toMillis() + " milliseconds");
        }
        sql.append(" ORDER BY ").append(Sql.columns(order)).append(" LIMIT ").append(limit);
        List<Row> rows = new ArrayList<>(Math.min(limit, 10_000));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // a server-side cursor needs a transaction
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
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
