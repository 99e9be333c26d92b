package io.upsilon.bench;

import io.upsilon.migrate.Row;
import io.upsilon.migrate.pg.PgSourceStore;
import io.upsilon.migrate.pg.PgTargetStore;
import io.upsilon.migrate.spi.Batch;
import io.upsilon.migrate.spi.Checkpoint;
import io.upsilon.migrate.spi.CopyPage;
import io.upsilon.migrate.spi.Position;
import io.upsilon.migrate.spi.SourceEntity;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;

/**
 * The explanation part of the {@code copy} mode: the parts of our copy timed on their own on the same source, to
 * show what dominates (see {@link #explain}).
 */
final class CopyExplain {

    /** Samples of the parts of our copy, each timed alone; nanoseconds by part. */
    static final class Samples {
        final Map<String, List<Long>> samples = new LinkedHashMap<>();
    
        void add(String part, long nanos) {
            samples.computeIfAbsent(part, k -> new ArrayList<>()).add(nanos);
        }
    
        long median(String part) {
            return (long) Stats.median(samples.getOrDefault(part, List.of()));
        }
    }

    private final BenchDatabases pg;
    private final CopyBench.Options options;

    CopyExplain(BenchDatabases pg, CopyBench.Options options) {
        this.pg = pg;
        this.options = options;
    }

    /**
     * Times the parts of our copy alone on the same source, {@code --explain-rounds} times each (medians): the source
     * reads (raw COPY out; the store's keyset query on one connection with {@code getString} per cell; the same
     * pages through {@code COPY … TO STDOUT}; {@code PgSourceStore.page} itself) and the target writes of the same
     * rows ({@code PgTargetStore.write} itself, its pages read untimed just before; COPY of the same CSV straight
     * into the table per page; COPY into a temporary stage plus {@code INSERT … ON CONFLICT} per page, on one
     * connection and on a new connection per page). No more than one page of rows is held at a time.
     */
    Samples explain(DataSource source) throws Exception {
        Samples e = new Samples();
        for (int round = 1; round <= options.explainRounds; round++) {
            Harness.progress("explain " + round + "/" + options.explainRounds + ": source side alone");
            long t = System.nanoTime();
            long drained = 0;
            try (Connection c = source.getConnection()) {
                CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT " + CopyBench.COLUMNS
                        + " FROM t) TO STDOUT WITH (FORMAT binary)");
                while (out.readFromCopy() != null) {
                    drained++;
                }
            }
            e.add("copyOutDrain", System.nanoTime() - t);
            CopyBench.check(drained >= options.rows, "COPY out drained " + drained + " messages");
            e.add("keysetGetString", keysetScan(source));
            e.add("keysetCopy", keysetCopy(source));

            PgSourceStore store = new PgSourceStore(source);
            SourceEntity entity = new SourceEntity("t", CopyBench.TABLE, null, List.of("id"), "updated_at");
            store.describe(entity);
            long read = 0;
            t = System.nanoTime();
            Position position = Position.START;
            while (true) {
                List<Row> page = store.page(entity, position, options.batch);
                read += page.size();
                if (page.size() < options.batch) {
                    break;
                }
                position = next(page);
            }
            e.add("storePages", System.nanoTime() - t);
            CopyBench.check(read == options.rows, "PgSourceStore.page read " + read + " rows");

            copyPagePath(e, store, entity);

            Harness.progress("explain " + round + "/" + options.explainRounds + ": target side alone");
            CopyBench.createTarget(pg, "copy_explain");
            PgTargetStore targetStore = new PgTargetStore(pg.ds("copy_explain"));
            targetStore.describe(CopyBench.TABLE);
            List<String> csv = new ArrayList<>();
            List<String> columns = List.of("id", "amount", "note", "state", "updated_at");
            long writes = 0;
            long total = 0;
            position = Position.START;
            while (true) {
                List<Row> page = store.page(entity, position, options.batch);
                if (page.isEmpty()) {
                    break;
                }
                total += page.size();
                position = next(page);
                t = System.nanoTime();
                targetStore.write(List.of(new Batch(CopyBench.TABLE, List.of("id"), page)), new Checkpoint("t", position,
                        total, Instant.now()));
                writes += System.nanoTime() - t;
                StringBuilder b = new StringBuilder(page.size() * 80);
                for (Row row : page) {
                    csvLine(b, row.values(columns));
                }
                csv.add(b.toString());
                if (page.size() < options.batch) {
                    break;
                }
            }
            e.add("storeWrites", writes);
            CopyBench.check(Long.parseLong(BenchDatabases.query(pg.ds("copy_explain"), "SELECT count(*) FROM t")) == options.rows,
                    "PgTargetStore.write: wrong count");
            pg.drop("copy_explain");
            e.add("copyInDirect", copyInBatches(csv, false, false));
            e.add("copyInStageUpsert", copyInBatches(csv, true, false));
            e.add("copyInStageUpsertNewConnections", copyInBatches(csv, true, true));

            t = System.nanoTime();
            int n = 100;
            for (int i = 0; i < n; i++) {
                try (Connection c = source.getConnection()) {
                    c.isValid(1);
                }
            }
            e.add("connection", (System.nanoTime() - t) / n);
        }
        return e;
    }

    /**
     * The pass-through path alone (what ours takes here): {@code PgSourceStore.copyPage} in binary page by page, then
     * {@code PgTargetStore.write} of those pages into a fresh table, each page read untimed just before its write.
     */
    private void copyPagePath(Samples e, PgSourceStore store, SourceEntity entity) throws Exception {
        List<String> columns = List.of("id", "amount", "note", "state", "updated_at");
        long read = 0;
        long t = System.nanoTime();
        Position position = Position.START;
        while (true) {
            CopyPage page = store.copyPage(entity, columns, position, options.batch, true, null);
            read += page.rows();
            if (page.rows() < options.batch) {
                break;
            }
            position = next(List.of(page.last()));
        }
        e.add("storeCopyPages", System.nanoTime() - t);
        CopyBench.check(read == options.rows, "PgSourceStore.copyPage read " + read + " rows");
        CopyBench.createTarget(pg, "copy_explain_pass");
        PgTargetStore target = new PgTargetStore(pg.ds("copy_explain_pass"));
        long writes = 0;
        position = Position.START;
        for (long total = 0; ; ) {
            CopyPage page = store.copyPage(entity, columns, position, options.batch, true, null);
            if (page.rows() == 0) {
                break;
            }
            total += page.rows();
            position = next(List.of(page.last()));
            t = System.nanoTime();
            target.write(CopyBench.TABLE, List.of("id"), page, new Checkpoint("t", position, total, Instant.now()));
            writes += System.nanoTime() - t;
            if (page.rows() < options.batch) {
                break;
            }
        }
        e.add("storeCopyWrites", writes);
        CopyBench.check(Long.parseLong(BenchDatabases.query(pg.ds("copy_explain_pass"), "SELECT count(*) FROM t")) == options.rows,
                "PgTargetStore.write of COPY pages: wrong count");
        pg.drop("copy_explain_pass");
    }

    private static Position next(List<Row> page) {
        Row last = page.get(page.size() - 1);
        return Position.after(last.get("updated_at"), last.values(List.of("id")));
    }

    /** The store's keyset query, page after page on one connection, with {@code getString} on every cell. */
    private long keysetScan(DataSource source) throws SQLException {
        long t = System.nanoTime();
        long rows = 0;
        String lastUpdated = null;
        String lastId = null;
        try (Connection c = source.getConnection()) {
            c.setAutoCommit(false);
            while (true) {
                String sql = "SELECT * FROM \"t\" AS s"
                        + (lastId == null ? "" : " WHERE (\"updated_at\", \"id\") > (?::timestamptz, ?::int8)")
                        + " ORDER BY \"updated_at\", \"id\" LIMIT " + options.batch;
                int inPage = 0;
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.setFetchSize(Math.min(options.batch, 10_000));
                    if (lastId != null) {
                        ps.setString(1, lastUpdated);
                        ps.setString(2, lastId);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        int columns = rs.getMetaData().getColumnCount();
                        while (rs.next()) {
                            inPage++;
                            for (int i = 1; i <= columns; i++) {
                                rs.getString(i);
                            }
                            lastUpdated = rs.getString(5);
                            lastId = rs.getString(1);
                        }
                    }
                }
                c.commit();
                rows += inPage;
                if (inPage < options.batch) {
                    break;
                }
            }
        }
        CopyBench.check(rows == options.rows, "keyset scan read " + rows + " rows");
        return System.nanoTime() - t;
    }

    /**
     * The same keyset pages, each read as {@code COPY (SELECT … ORDER BY … LIMIT n) TO STDOUT (FORMAT csv)} on one
     * connection; only the last line of a page is parsed (for the next page's position).
     */
    private long keysetCopy(DataSource source) throws SQLException {
        long t = System.nanoTime();
        long rows = 0;
        String lastUpdated = null;
        String lastId = null;
        try (Connection c = source.getConnection()) {
            while (true) {
                String sql = "COPY (SELECT " + CopyBench.COLUMNS + " FROM t"
                        + (lastId == null ? "" : " WHERE (updated_at, id) > ('" + lastUpdated + "'::timestamptz, "
                        + lastId + ")") + " ORDER BY updated_at, id LIMIT " + options.batch
                        + ") TO STDOUT WITH (FORMAT csv)";
                CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut(sql);
                int inPage = 0;
                byte[] line;
                byte[] last = null;
                while ((line = out.readFromCopy()) != null) {
                    inPage++;
                    last = line;
                }
                rows += inPage;
                if (inPage < options.batch) {
                    break;
                }
                // id is the first field, updated_at the last; neither needs CSV unquoting
                String text = new String(last, StandardCharsets.UTF_8).trim();
                lastId = text.substring(0, text.indexOf(','));
                lastUpdated = text.substring(text.lastIndexOf(',') + 1);
            }
        }
        CopyBench.check(rows == options.rows, "keyset COPY read " + rows + " rows");
        return System.nanoTime() - t;
    }

    /**
     * COPY of the CSV batches into a fresh target table, each batch its own transaction: straight into the table, or
     * into a temporary stage and then upserted (the store's SQL), on one connection or a new connection per batch.
     */
    private long copyInBatches(List<String> csv, boolean staged, boolean newConnections) throws Exception {
        String db = "copy_explain_" + (staged ? "staged" : "direct") + (newConnections ? "_new" : "");
        CopyBench.createTarget(pg, db);
        DataSource target = pg.ds(db);
        long t = System.nanoTime();
        Connection shared = newConnections ? null : target.getConnection();
        try {
            for (String batch : csv) {
                Connection c = newConnections ? target.getConnection() : shared;
                try {
                    c.setAutoCommit(false);
                    if (staged) {
                        try (Statement s = c.createStatement()) {
                            s.execute("DROP TABLE IF EXISTS pg_temp.upsilon_stage");
                            s.execute("CREATE TEMP TABLE upsilon_stage ON COMMIT DROP AS SELECT " + CopyBench.COLUMNS
                                    + " FROM t WITH NO DATA");
                        }
                    }
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY "
                            + (staged ? "pg_temp.upsilon_stage" : "t") + " (" + CopyBench.COLUMNS
                            + ") FROM STDIN WITH (FORMAT csv)", new StringReader(batch));
                    if (staged) {
                        try (Statement s = c.createStatement()) {
                            s.execute("INSERT INTO t (" + CopyBench.COLUMNS + ") SELECT " + CopyBench.COLUMNS
                                    + " FROM pg_temp.upsilon_stage ON CONFLICT (id) DO UPDATE SET"
                                    + " amount = EXCLUDED.amount, note = EXCLUDED.note, state = EXCLUDED.state,"
                                    + " updated_at = EXCLUDED.updated_at");
                        }
                    }
                    c.commit();
                } finally {
                    if (newConnections) {
                        c.close();
                    }
                }
            }
        } finally {
            if (shared != null) {
                shared.close();
            }
        }
        long took = System.nanoTime() - t;
        CopyBench.check(Long.parseLong(BenchDatabases.query(target, "SELECT count(*) FROM t")) == options.rows, db + ": wrong count");
        pg.drop(db);
        return took;
    }

    /** The store's CSV rendering: non-null values quoted, NULL as nothing. */
    private static void csvLine(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = values.get(i);
            if (v != null) {
                out.append('"').append(v.replace("\"", "\"\"")).append('"');
            }
        }
        out.append('\n');
    }
}
