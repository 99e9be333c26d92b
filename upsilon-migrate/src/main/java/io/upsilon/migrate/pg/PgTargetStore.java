package io.upsilon.migrate.pg;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Row;
import io.upsilon.migrate.spi.Batch;
import io.upsilon.migrate.spi.Checkpoint;
import io.upsilon.migrate.spi.CopyPage;
import io.upsilon.migrate.spi.CopyPageTarget;
import io.upsilon.migrate.spi.Field;
import io.upsilon.migrate.spi.Position;
import io.upsilon.migrate.spi.TargetStore;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.postgresql.copy.CopyIn;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.postgresql.PGConnection;

/**
 * Writes entities into PostgreSQL. A batch is first tried as a plain {@code COPY} straight into the table (the fast
 * path of a first copy into an empty table) inside a savepoint; if any of its keys already exists the savepoint is
 * rolled back and that table switches to the idempotent path for the rest of the run: {@code COPY} into a temporary
 * staging table, then {@code INSERT … SELECT … ON CONFLICT (key) DO UPDATE}. The checkpoint is stored in the same
 * transaction either way, so writing a batch twice changes nothing, and a killed run loses nothing: either the batch
 * and its checkpoint committed, or neither did. Pages of {@code COPY} text from a {@link PgSourceStore} (entities with
 * no transforms) take the same two paths with their text sent as it is.
 */
public final class PgTargetStore implements TargetStore, CopyPageTarget {

    static final String CHECKPOINTS = "upsilon_migration_checkpoint";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DataSource dataSource;
    private final Runnable onClose;
    private final Map<String, List<Field>> fields = new ConcurrentHashMap<>();
    /** Tables that have met an existing key: from then on they take the staging and upsert path. */
    private final Set<String> upserting = ConcurrentHashMap.newKeySet();
    private volatile boolean checkpointTableReady;

    public PgTargetStore(DataSource dataSource) {
        this(dataSource, () -> { });
    }

    /** A store that runs {@code onClose} when closed, e.g. to shut the pool it was given. */
    public PgTargetStore(DataSource dataSource, Runnable onClose) {
        this.onClose = onClose;
        this.dataSource = dataSource;
    }

    @Override
    public List<Field> describe(String table) {
        return fields.computeIfAbsent(table, t -> {
            try (Connection c = dataSource.getConnection()) {
                return Sql.describe(c, Sql.quote(t, "table"));
            } catch (SQLException e) {
                if (Sql.isMissingRelation(e)) {
                    throw new UpsilonException(ErrorCode.BAD_INPUT, "target table " + t + " does not exist; create it"
                            + " (the new release's schema) before migrating");
                }
                throw failure("describe target table " + t, e);
            }
        });
    }

    @Override
    public void write(List<Batch> batches, Checkpoint checkpoint) {
        inTransaction(checkpoint, c -> {
            for (Batch batch : batches) {
                for (List<Row> sameFields : byFieldSet(batch.rows())) {
                    upsert(c, batch, sameFields);
                }
            }
        });
    }

    /** This store itself: it takes {@code COPY} pages. */
    @Override
    public Optional<CopyPageTarget> copyPages() {
        return Optional.of(this);
    }

    /** The page's text straight into {@code COPY}, by the same fast path and fallback as rows take. */
    @Override
    public void write(String table, List<String> key, CopyPage page, Checkpoint checkpoint) {
        inTransaction(checkpoint, c -> {
            String quoted = Sql.quote(table, "table");
            String cols = Sql.columns(page.columns());
            String copy = "COPY " + quoted + " (" + cols + ") FROM STDIN";
            if (copiedStraight(c, table, conn -> copyPage(conn, copy, page))) {
                return;
            }
            Staging.create(c, quoted, cols);
            copyPage(c, "COPY " + Staging.STAGE + " (" + cols + ") FROM STDIN", page);
            Staging.merge(c, quoted, page.columns(), key, true);
        });
    }

    /** What a write does inside its transaction, before the checkpoint. */
    private interface Work {
        void run(Connection c) throws SQLException, IOException;
    }

    /** Runs the work and stores the checkpoint in one transaction: both commit or neither does. */
    private void inTransaction(Checkpoint checkpoint, Work work) {
        ensureCheckpointTable();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                work.run(c);
                storeCheckpoint(c, checkpoint);
                c.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException | IOException e) {
            throw failure("write a batch of entity " + checkpoint.entity(), e);
        }
    }

    /**
     * The fast path of a first copy into an empty table: {@code copy} straight into it, in a savepoint. False when a
     * key exists already: the savepoint is rolled back and the table takes the staging path from then on (it is
     * being caught up, not filled).
     */
    private boolean copiedStraight(Connection c, String table, Work copy) throws SQLException, IOException {
        if (upserting.contains(table)) {
            return false;
        }
        Savepoint direct = c.setSavepoint();
        try {
            copy.run(c);
            c.releaseSavepoint(direct);
            return true;
        } catch (SQLException e) {
            if (!"23505".equals(e.getSQLState())) {
                throw e;
            }
            c.rollback(direct);
            upserting.add(table);
            return false;
        }
    }

    /** Rows grouped by their field set (COPY needs one column list); usually there is just one. */
    private static List<List<Row>> byFieldSet(List<Row> rows) {
        Set<String> first = rows.get(0).fields().keySet();
        if (rows.stream().allMatch(r -> r.fields().keySet().equals(first))) {
            return List.of(rows);
        }
        Map<Set<String>, List<Row>> groups = new LinkedHashMap<>();
        for (Row row : rows) {
            groups.computeIfAbsent(row.fields().keySet(), k -> new ArrayList<>()).add(row);
        }
        return new ArrayList<>(groups.values());
    }

    private void upsert(Connection c, Batch batch, List<Row> rows) throws SQLException, IOException {
        List<String> columns = List.copyOf(rows.get(0).fields().keySet());
        String table = Sql.quote(batch.table(), "table");
        String cols = Sql.columns(columns);
        if (copiedStraight(c, batch.table(), conn -> copy(conn, "COPY " + table + " (" + cols + ") FROM STDIN WITH"
                + " (FORMAT csv)", rows, columns))) {
            return;
        }
        Map<List<String>, Row> byKey = new LinkedHashMap<>(); // a key twice in one INSERT … ON CONFLICT is an error
        rows.forEach(r -> byKey.put(r.values(batch.key()), r));
        Staging.create(c, table, cols);
        copy(c, "COPY " + Staging.STAGE + " (" + cols + ") FROM STDIN WITH (FORMAT csv)", byKey.values(), columns);
        Staging.merge(c, table, columns, batch.key(), false);
    }

    /** Sends a page's bytes to a {@code COPY … FROM STDIN} in the page's format, as they are. */
    private static void copyPage(Connection c, String sql, CopyPage page) throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql + (page.isBinary() ? " WITH (FORMAT binary)"
                : ""));
        try {
            in.writeToCopy(page.data(), 0, page.length());
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    /** Streams the rows as CSV into a {@code COPY … FROM STDIN}, in chunks, without building the whole text. */
    private static void copy(Connection c, String sql, java.util.Collection<Row> rows, List<String> columns)
            throws SQLException {
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI().copyIn(sql);
        try {
            StringBuilder csv = new StringBuilder(64 * 1024);
            for (Row row : rows) {
                Csv.append(csv, row, columns);
                if (csv.length() > 60 * 1024) {
                    byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
                    in.writeToCopy(bytes, 0, bytes.length);
                    csv.setLength(0);
                }
            }
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            in.writeToCopy(bytes, 0, bytes.length);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private void storeCheckpoint(Connection c, Checkpoint checkpoint) throws SQLException, JsonProcessingException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + CHECKPOINTS + " (entity, updated_at,"
                + " key_values, rows_written, stored_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT (entity) DO UPDATE SET"
                + " updated_at = EXCLUDED.updated_at, key_values = EXCLUDED.key_values,"
                + " rows_written = EXCLUDED.rows_written, stored_at = EXCLUDED.stored_at")) {
            ps.setString(1, checkpoint.entity());
            ps.setString(2, checkpoint.position().updatedAt().orElse(null));
            ps.setString(3, JSON.writeValueAsString(checkpoint.position().key()));
            ps.setLong(4, checkpoint.rows());
            ps.setTimestamp(5, Timestamp.from(checkpoint.at()));
            ps.executeUpdate();
        }
    }

    private void ensureCheckpointTable() {
        if (checkpointTableReady) {
            return;
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + CHECKPOINTS + " (entity text PRIMARY KEY, updated_at text,"
                    + " key_values text NOT NULL, rows_written bigint NOT NULL, stored_at timestamptz NOT NULL)");
            checkpointTableReady = true;
        } catch (SQLException e) {
            // another entity's thread created it at the same moment: the catalog answers with a unique violation,
            // or (its row type) a duplicate object or table
            if (!java.util.Set.of("23505", "42710", "42P07").contains(e.getSQLState())) {
                throw failure("create the checkpoint table", e);
            }
            checkpointTableReady = true;
        }
    }

    @Override
    public Optional<Checkpoint> checkpoint(String entity) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT updated_at, key_values, rows_written, stored_at FROM "
                     + CHECKPOINTS + " WHERE entity = ?")) {
            ps.setString(1, entity);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                List<String> key = JSON.readValue(rs.getString(2), new TypeReference<List<String>>() { });
                String updatedAt = rs.getString(1);
                Position position = updatedAt == null ? Position.START
                        : new Position(Optional.of(updatedAt), key, Duration.ZERO);
                return Optional.of(new Checkpoint(entity, position, rs.getLong(3), rs.getTimestamp(4).toInstant()));
            }
        } catch (SQLException e) {
            if (Sql.isMissingRelation(e)) {
                return Optional.empty();
            }
            throw failure("read the checkpoint of " + entity, e);
        } catch (IOException e) {
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "the checkpoint of " + entity + " is unreadable: "
                    + e.getMessage() + "; delete its row from " + CHECKPOINTS + " to start over", e);
        }
    }

    @Override
    public void scan(String table, Consumer<Row> each) {
        try {
            Sql.stream(dataSource, "SELECT * FROM " + Sql.quote(table, "table"), each);
        } catch (SQLException e) {
            throw failure("read target table " + table, e);
        }
    }

    /** One query: {@code WHERE (key) IN (unnest of the keys)}. */
    @Override
    public List<Row> rows(String table, List<String> key, java.util.Collection<List<String>> keys) {
        if (keys.isEmpty()) {
            return new ArrayList<>();
        }
        try {
            return Sql.rowsWithKeys(dataSource, Sql.quote(table, "table"), describe(table), key, keys);
        } catch (SQLException e) {
            throw failure("read target table " + table, e);
        }
    }

    @Override
    public int delete(String table, List<String> key, List<List<String>> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        List<Field> described = describe(table);
        String arrays = key.stream().map(k -> "?::text[]::" + Sql.type(described, k) + "[]")
                .collect(Collectors.joining(", "));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM " + Sql.quote(table, "table") + " WHERE ("
                     + Sql.columns(key) + ") IN (SELECT * FROM unnest(" + arrays + "))")) {
            for (int i = 0; i < key.size(); i++) {
                int column = i;
                ps.setArray(i + 1, c.createArrayOf("text", keys.stream().map(k -> k.get(column)).toArray()));
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure("delete from target table " + table, e);
        }
    }

    private static UpsilonException failure(String what, Exception e) {
        return new UpsilonException(ErrorCode.STORE_FAILURE, "cannot " + what + ": " + e.getMessage()
                + "; check that the target database is reachable and the tables match the spec", e);
    }

    @Override
    public void close() {
        onClose.run();
    }
}
