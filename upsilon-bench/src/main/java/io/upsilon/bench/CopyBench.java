package io.upsilon.bench;

import io.upsilon.migrate.MigrationListener;
import io.upsilon.migrate.MigrationSpec;
import io.upsilon.migrate.Migrator;
import io.upsilon.migrate.Row;
import io.upsilon.migrate.RunReport;
import io.upsilon.migrate.Stores;
import io.upsilon.migrate.pg.PgSourceStore;
import io.upsilon.migrate.pg.PgTargetStore;
import io.upsilon.migrate.spi.Batch;
import io.upsilon.migrate.spi.Checkpoint;
import io.upsilon.migrate.spi.CopyPage;
import io.upsilon.migrate.spi.Position;
import io.upsilon.migrate.spi.SourceEntity;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyOut;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The side-by-side copy benchmark ({@code copy} mode): one embedded PostgreSQL, a source database with a table of N
 * rows, and per round two fresh empty target databases. <em>Ours</em> copies the table with upsilon-migrate's
 * {@link Migrator} (one entity, no transforms); the <em>raw</em> peer pipes {@code COPY … TO STDOUT} into
 * {@code COPY … FROM STDIN} with pgJDBC ({@link RawPipe}). Sides alternate which goes first. After the full copies,
 * 1% of the source rows change and ours runs again from its checkpoint (incremental). Every run is checked: the
 * target's row count and a content fingerprint equal the source's. Then (unless {@code --no-explain}) the parts of our
 * copy are timed on their own, to show what dominates. Measures and reports; asserts no times.
 */
final class CopyBench {

    static final String TABLE = "t";
    static final String COLUMNS = "id, amount, note, state, updated_at";
    /** The source table, and every target's (targets get no keyset index). */
    static final String TABLE_DDL = "CREATE TABLE t (id bigint PRIMARY KEY, amount numeric NOT NULL, note text,"
            + " state text NOT NULL, updated_at timestamptz NOT NULL)";
    private static final String SOURCE_DB = "copy_source";

    private final Options options;
    private final Path work;
    private final String loadAtStart = loadAverage();
    private EmbeddedPostgres pg;

    private CopyBench(Options options) throws IOException {
        this.options = options;
        this.work = Files.createTempDirectory("upsilon-bench-copy-");
    }

    static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        CopyBench bench = new CopyBench(Options.parse(args));
        try {
            bench.run();
        } finally {
            bench.cleanUp();
        }
    }

    /** One round's figures, in nanoseconds. */
    private record Round(int number, boolean oursFirst, long oursCreate, long oursRun, long oursPage, long oursWrite,
                         long pages, long raw, long incremental, long incrementalRows) {
    }

    /** Samples of the parts of our copy, each timed alone; nanoseconds by part. */
    private static final class Explain {
        final Map<String, List<Long>> samples = new LinkedHashMap<>();

        void add(String part, long nanos) {
            samples.computeIfAbsent(part, k -> new ArrayList<>()).add(nanos);
        }

        long median(String part) {
            return (long) Stats.median(samples.getOrDefault(part, List.of()));
        }
    }

    private void run() throws Exception {
        Harness.progress("starting embedded PostgreSQL");
        pg = EmbeddedPostgres.builder()
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .start();
        String postgres = queryText(pg.getPostgresDatabase(), "SELECT version()");
        String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        Harness.progress("JVM " + jvm + "; " + postgres);

        Harness.progress("creating the source table with " + fmt(options.rows) + " rows");
        long t = System.nanoTime();
        createDatabase(SOURCE_DB);
        DataSource source = ds(SOURCE_DB);
        execute(source, TABLE_DDL);
        // notes: mostly 'note <md5>' (37 chars), every 10th NULL, every 97th with a comma and quotes (CSV escaping);
        // update times 1.001 s apart in id order, starting 2025-01-01
        execute(source, "INSERT INTO t SELECT g, round((g % 100000) * 1.37, 2),"
                + " CASE WHEN g % 10 = 0 THEN NULL WHEN g % 97 = 0 THEN 'say \"hi\", ok ' || g"
                + " ELSE 'note ' || md5(g::text) END, (ARRAY['NEW', 'ACTIVE', 'CLOSED'])[g % 3 + 1],"
                + " timestamptz '2025-01-01 00:00:00+00' + g * interval '1.001 second'"
                + " FROM generate_series(1, " + options.rows + ") g");
        execute(source, "CREATE INDEX t_keyset ON t (updated_at, id)"); // the keyset pagination's order
        execute(source, "VACUUM ANALYZE t");
        Harness.progress("source ready in " + Stats.ms(System.nanoTime() - t) + "; table "
                + queryText(source, "SELECT pg_size_pretty(pg_table_size('t'))") + ", indexes "
                + queryText(source, "SELECT pg_size_pretty(pg_indexes_size('t'))"));

        if (options.warmupRows > 0) {
            warmUp(source);
        }

        List<Round> rounds = new ArrayList<>();
        for (int r = 1; r <= options.rounds; r++) {
            rounds.add(round(source, r));
        }
        Explain explain = options.explainRounds > 0 ? explain(source) : null;
        String report = report(jvm, postgres, rounds, explain);
        System.out.println(report);
        Files.writeString(options.out, report, StandardCharsets.UTF_8);
        Harness.progress("wrote " + options.out.toAbsolutePath().normalize());
    }

    // ---------------------------------------------------------------- the two sides

    private Path spec(String target, String sourceTable, String sourceQuery) throws IOException {
        Path spec = work.resolve("copy-" + target + ".yaml");
        Files.writeString(spec, """
                source: {url: "%s", user: postgres}
                target: {url: "%s", user: postgres}
                overlap: 5s
                entities:
                  - name: t
                    %s
                    target: t
                    key: [id]
                    updatedAt: updated_at
                    batchSize: %d
                """.formatted(url(SOURCE_DB), url(target),
                sourceQuery != null ? "query: \"" + sourceQuery + "\"" : "source: " + sourceTable,
                options.batch), StandardCharsets.UTF_8);
        return spec;
    }

    /** Our side's result: the report and the times. */
    private record OursRun(RunReport.Entity entity, long create, long run, TimedStores timed) {
    }

    /** Runs upsilon-migrate with the spec into {@code target}: {@code Migrator.create} then {@code run}. */
    private static OursRun ours(Path specFile) {
        MigrationSpec spec = MigrationSpec.load(specFile);
        TimedStores timed = new TimedStores();
        long t = System.nanoTime();
        // the stores own connection pools: close them, or the databases cannot be dropped between rounds
        try (SourceStore source = Stores.source(spec.source(), Map.of());
             TargetStore target = Stores.target(spec.target(), Map.of())) {
            Migrator migrator = Migrator.create(spec, timed.source(source), timed.target(target),
                    CopyBench.class.getClassLoader());
            long create = System.nanoTime() - t;
            t = System.nanoTime();
            RunReport report = migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none());
            long run = System.nanoTime() - t;
            return new OursRun(report.entities().get(0), create, run, timed);
        }
    }

    private long raw(DataSource source, String target, String where) throws SQLException {
        long t = System.nanoTime();
        long copied = RawPipe.copy(source, ds(target), "SELECT " + COLUMNS + " FROM t" + where, TABLE, COLUMNS,
                !options.rawText);
        long took = System.nanoTime() - t;
        long expected = Long.parseLong(queryText(source, "SELECT count(*) FROM t" + where));
        check(copied == expected, "raw pipe copied " + copied + " rows, expected " + expected);
        return took;
    }

    private void warmUp(DataSource source) throws Exception {
        Harness.progress("warm-up (unmeasured): both sides copy the first " + fmt(options.warmupRows) + " rows");
        String where = " WHERE id <= " + options.warmupRows;
        createTarget("copy_warm_ours");
        createTarget("copy_warm_raw");
        OursRun ours = ours(spec("copy_warm_ours", null, "SELECT * FROM t" + where));
        check(ours.entity.rowsRead() == options.warmupRows, "warm-up: ours read " + ours.entity.rowsRead());
        raw(source, "copy_warm_raw", where);
        dropDatabase("copy_warm_ours");
        dropDatabase("copy_warm_raw");
    }

    private Round round(DataSource source, int r) throws Exception {
        boolean oursFirst = r % 2 == 1;
        String oursDb = "copy_ours_" + r;
        String rawDb = "copy_raw_" + r;
        createTarget(oursDb);
        createTarget(rawDb);
        Fingerprint expected = fingerprint(source);
        check(expected.rows == options.rows, "source has " + expected.rows + " rows");

        OursRun ours = null;
        long raw = 0;
        for (boolean oursTurn : oursFirst ? new boolean[] {true, false} : new boolean[] {false, true}) {
            if (oursTurn) {
                Harness.progress("round " + r + ": ours (upsilon-migrate) full copy");
                ours = ours(spec(oursDb, TABLE, null));
                check(ours.entity.rowsRead() == options.rows && "start".equals(ours.entity.started()),
                        "ours read " + ours.entity.rowsRead() + " rows from " + ours.entity.started());
                check(fingerprint(ds(oursDb)).equals(expected), "ours: the target differs from the source");
                Harness.progress("round " + r + ": ours " + Stats.ms(ours.run) + " (" + rate(options.rows, ours.run)
                        + " rows/s)");
            } else {
                Harness.progress("round " + r + ": raw COPY pipe");
                raw = raw(source, rawDb, "");
                check(fingerprint(ds(rawDb)).equals(expected), "raw: the target differs from the source");
                Harness.progress("round " + r + ": raw " + Stats.ms(raw) + " (" + rate(options.rows, raw)
                        + " rows/s)");
            }
        }
        dropDatabase(rawDb);

        // 1% of the rows change; ours catches up from its checkpoint
        String marker = "changed in round " + r;
        int changed = execute(source, "UPDATE t SET note = '" + marker + "', amount = amount + 1,"
                + " state = 'CLOSED', updated_at = now() WHERE id % 100 = 0");
        Fingerprint afterChange = fingerprint(source);
        Harness.progress("round " + r + ": changed " + fmt(changed) + " source rows; ours incremental run");
        OursRun incremental = ours(spec(oursDb, TABLE, null));
        check("checkpoint".equals(incremental.entity.started()) && incremental.entity.rowsRead() >= changed,
                "incremental read " + incremental.entity.rowsRead() + " rows from " + incremental.entity.started());
        DataSource oursTarget = ds(oursDb);
        check(Long.parseLong(queryText(oursTarget, "SELECT count(*) FROM t WHERE note = '" + marker + "'"))
                == changed, "incremental: not every changed row carries its new value");
        check(fingerprint(oursTarget).equals(afterChange), "incremental: the target differs from the source");
        Harness.progress("round " + r + ": incremental " + Stats.ms(incremental.run) + ", "
                + fmt(incremental.entity.rowsRead()) + " rows read; create " + Stats.ms(incremental.create)
                + ", in page() " + Stats.ms(incremental.timed.pageNanos.get()) + " (" + incremental.timed.pages.get()
                + "), in write() " + Stats.ms(incremental.timed.writeNanos.get()));
        dropDatabase(oursDb);
        execute(source, "VACUUM ANALYZE t");
        return new Round(r, oursFirst, ours.create, ours.run, ours.timed.pageNanos.get(), ours.timed.writeNanos.get(),
                ours.timed.pages.get(), raw, incremental.run, incremental.entity.rowsRead());
    }

    // ---------------------------------------------------------------- what dominates

    /**
     * Times the parts of our copy alone on the same source, {@code --explain-rounds} times each (medians): the source
     * reads (raw COPY out; the store's keyset query on one connection with {@code getString} per cell; the same
     * pages through {@code COPY … TO STDOUT}; {@code PgSourceStore.page} itself) and the target writes of the same
     * rows ({@code PgTargetStore.write} itself, its pages read untimed just before; COPY of the same CSV straight
     * into the table per page; COPY into a temporary stage plus {@code INSERT … ON CONFLICT} per page, on one
     * connection and on a new connection per page). No more than one page of rows is held at a time.
     */
    private Explain explain(DataSource source) throws Exception {
        Explain e = new Explain();
        for (int round = 1; round <= options.explainRounds; round++) {
            Harness.progress("explain " + round + "/" + options.explainRounds + ": source side alone");
            long t = System.nanoTime();
            long drained = 0;
            try (Connection c = source.getConnection()) {
                CopyOut out = c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY (SELECT " + COLUMNS
                        + " FROM t) TO STDOUT WITH (FORMAT binary)");
                while (out.readFromCopy() != null) {
                    drained++;
                }
            }
            e.add("copyOutDrain", System.nanoTime() - t);
            check(drained >= options.rows, "COPY out drained " + drained + " messages");
            e.add("keysetGetString", keysetScan(source));
            e.add("keysetCopy", keysetCopy(source));

            PgSourceStore store = new PgSourceStore(source);
            SourceEntity entity = new SourceEntity("t", TABLE, null, List.of("id"), "updated_at");
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
            check(read == options.rows, "PgSourceStore.page read " + read + " rows");

            copyPagePath(e, store, entity);

            Harness.progress("explain " + round + "/" + options.explainRounds + ": target side alone");
            createTarget("copy_explain");
            PgTargetStore targetStore = new PgTargetStore(ds("copy_explain"));
            targetStore.describe(TABLE);
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
                targetStore.write(List.of(new Batch(TABLE, List.of("id"), page)), new Checkpoint("t", position,
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
            check(Long.parseLong(queryText(ds("copy_explain"), "SELECT count(*) FROM t")) == options.rows,
                    "PgTargetStore.write: wrong count");
            dropDatabase("copy_explain");
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
    private void copyPagePath(Explain e, PgSourceStore store, SourceEntity entity) throws Exception {
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
        check(read == options.rows, "PgSourceStore.copyPage read " + read + " rows");
        createTarget("copy_explain_pass");
        PgTargetStore target = new PgTargetStore(ds("copy_explain_pass"));
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
            target.write(TABLE, List.of("id"), page, new Checkpoint("t", position, total, Instant.now()));
            writes += System.nanoTime() - t;
            if (page.rows() < options.batch) {
                break;
            }
        }
        e.add("storeCopyWrites", writes);
        check(Long.parseLong(queryText(ds("copy_explain_pass"), "SELECT count(*) FROM t")) == options.rows,
                "PgTargetStore.write of COPY pages: wrong count");
        dropDatabase("copy_explain_pass");
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
        check(rows == options.rows, "keyset scan read " + rows + " rows");
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
                String sql = "COPY (SELECT " + COLUMNS + " FROM t"
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
        check(rows == options.rows, "keyset COPY read " + rows + " rows");
        return System.nanoTime() - t;
    }

    /**
     * COPY of the CSV batches into a fresh target table, each batch its own transaction: straight into the table, or
     * into a temporary stage and then upserted (the store's SQL), on one connection or a new connection per batch.
     */
    private long copyInBatches(List<String> csv, boolean staged, boolean newConnections) throws Exception {
        String db = "copy_explain_" + (staged ? "staged" : "direct") + (newConnections ? "_new" : "");
        createTarget(db);
        DataSource target = ds(db);
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
                            s.execute("CREATE TEMP TABLE upsilon_stage ON COMMIT DROP AS SELECT " + COLUMNS
                                    + " FROM t WITH NO DATA");
                        }
                    }
                    c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY "
                            + (staged ? "pg_temp.upsilon_stage" : "t") + " (" + COLUMNS
                            + ") FROM STDIN WITH (FORMAT csv)", new StringReader(batch));
                    if (staged) {
                        try (Statement s = c.createStatement()) {
                            s.execute("INSERT INTO t (" + COLUMNS + ") SELECT " + COLUMNS
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
        check(Long.parseLong(queryText(target, "SELECT count(*) FROM t")) == options.rows, db + ": wrong count");
        dropDatabase(db);
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

    // ---------------------------------------------------------------- report

    private String report(String jvm, String postgres, List<Round> rounds, Explain explain) {
        List<Long> ours = rounds.stream().map(Round::oursRun).toList();
        List<Long> raw = rounds.stream().map(Round::raw).toList();
        List<Long> incremental = rounds.stream().map(Round::incremental).toList();
        double oursRate = options.rows / (Stats.median(ours) / 1e9);
        double rawRate = options.rows / (Stats.median(raw) / 1e9);
        double ratio = oursRate / rawRate;
        double fraction = Stats.median(incremental) / Stats.median(ours);

        StringBuilder r = new StringBuilder();
        r.append("# Side-by-side copy: upsilon-migrate vs a raw pgJDBC COPY pipe\n\n");
        r.append("Measured ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(
                Locale.ROOT)).replaceAll("\\.\\d+", "")).append(" with `java -jar upsilon-bench/target/upsilon-bench.jar"
                + " copy").append(options.raw.isEmpty() ? "" : " " + String.join(" ", options.raw)).append("`.\n\n");
        r.append("- JVM: ").append(jvm).append("; ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs (").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.arch")).append("); load average (1, 5, 15 min) at the start ")
                .append(loadAtStart).append(", at the end ").append(loadAverage()).append("\n");
        r.append("- PostgreSQL: ").append(postgres).append(" — one embedded server (zonky, fsync=off,"
                + " synchronous_commit=off), source and targets are databases on it\n");
        r.append("- Source: table `t (id bigint PRIMARY KEY, amount numeric NOT NULL, note text, state text NOT NULL,"
                + " updated_at timestamptz NOT NULL)` with ").append(fmt(options.rows)).append(" rows and an index on"
                + " `(updated_at, id)` (the keyset order)\n");
        r.append("- Targets: per round two fresh databases with the same table (primary key only)\n");
        r.append("- Ours: `Migrator.create(spec, Stores.source(…), Stores.target(…), loader).run(Optional.empty(),"
                + " Deletes.IGNORE, none())`, one entity, no transforms, batchSize ").append(fmt(options.batch))
                .append("; the time is `run()` (`create()` is listed apart)\n");
        r.append("- Raw: `COPY (SELECT ").append(COLUMNS).append(" FROM t) TO STDOUT").append(options.rawText ? ""
                : " WITH (FORMAT binary)").append("` → `COPY t FROM STDIN` on two pgJDBC connections, one thread,"
                + " 256 KiB buffer\n");
        r.append("- ").append(options.rounds).append(" rounds, sides alternating which goes first")
                .append(options.warmupRows > 0 ? ", after an unmeasured warm-up of " + fmt(options.warmupRows)
                        + " rows per side" : "").append("; medians. Each run is checked: target row count and a"
                + " content fingerprint (`count(*)`, `sum(hashtext(t::text))`) equal the source's\n");
        r.append("- Incremental: after the full copies, `UPDATE t SET note = …, amount = amount + 1, state = 'CLOSED',"
                + " updated_at = now() WHERE id % 100 = 0`, then ours runs again from its checkpoint (overlap 5s)"
                + " into its target; checked the same way, plus every changed row carries its new note\n\n");

        r.append("| | median | rows/s (median) | min–max |\n|---|---:|---:|---:|\n");
        r.append("| ours: full copy (`run()`) | ").append(Stats.ms(Stats.median(ours))).append(" | ")
                .append(fmt((long) oursRate)).append(" | ").append(range(ours)).append(" |\n");
        r.append("| raw COPY pipe | ").append(Stats.ms(Stats.median(raw))).append(" | ").append(fmt((long) rawRate))
                .append(" | ").append(range(raw)).append(" |\n");
        r.append("| **ours / raw** (rows/s) | | **").append(String.format(Locale.ROOT, "%.3f", ratio))
                .append("** | goal ≥ 0.8: ").append(ratio >= 0.8 ? "met" : "**NOT met**").append(" |\n");
        r.append("| ours: incremental after 1% changed | ").append(Stats.ms(Stats.median(incremental)))
                .append(" | ").append(fmt(rounds.get(0).incrementalRows)).append(" rows read | ")
                .append(range(incremental)).append(" |\n");
        r.append("| **incremental / ours full** (time) | | **").append(String.format(Locale.ROOT, "%.3f", fraction))
                .append("** | goal ≤ 0.05: ").append(fraction <= 0.05 ? "met" : "**NOT met**").append(" |\n");

        r.append("\nPer round (ms):\n\n| round | first | ours create | ours run | in `page()` | in `write()` |"
                + " engine (rest) | pages | raw | incremental |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Round x : rounds) {
            r.append("| ").append(x.number).append(" | ").append(x.oursFirst ? "ours" : "raw").append(" | ")
                    .append(bare(x.oursCreate)).append(" | ").append(bare(x.oursRun)).append(" | ")
                    .append(bare(x.oursPage)).append(" | ").append(bare(x.oursWrite)).append(" | ")
                    .append(bare(x.oursRun - x.oursPage - x.oursWrite)).append(" | ").append(x.pages).append(" | ")
                    .append(bare(x.raw)).append(" | ").append(bare(x.incremental)).append(" |\n");
        }
        r.append("\n`page()` and `write()` are the wall time inside `SourceStore.page` and `TargetStore.write` during"
                + " ours' full copy (pass-through wrappers); the engine is the rest (transform, checkpoint read,"
                + " threads). Ours reads page k+1 while it writes page k, so the two overlap (hence a negative rest);"
                + " an entity with no transforms and the same column types on both sides, as here, moves as binary"
                + " `COPY` pages (`copyPage`, not `page`).\n");

        if (explain != null) {
            r.append("\n## What our copy's time is made of\n\nEach part alone, ").append(fmt(options.rows))
                    .append(" rows, pages of ").append(fmt(options.batch)).append(", median of ")
                    .append(options.explainRounds).append(" (min–max):\n\n| part | time | rows/s | min–max |\n"
                    + "|---|---:|---:|---:|\n");
            String[][] parts = {
                {"copyOutDrain", "source: `COPY (SELECT …) TO STDOUT (binary)` drained, nothing written"},
                {"storeCopyPages", "source, the pass-through: `PgSourceStore.copyPage` page by page, binary (a one-row"
                        + " query for the last update time and key, then the binary `COPY`, in one snapshot)"},
                {"storeCopyWrites", "target, the pass-through: `PgTargetStore.write` of those binary pages (straight"
                        + " `COPY` in a savepoint, checkpoint, commit)"},
                {"keysetGetString", "source: the store's keyset query page by page, one connection, `getString` on"
                        + " every cell"},
                {"keysetCopy", "source: the same keyset pages as `COPY (SELECT … LIMIT n) TO STDOUT (csv)`, one"
                        + " connection"},
                {"storePages", "source: `PgSourceStore.page` page by page (also a `Row` per row, a new connection"
                        + " per page)"},
                {"storeWrites", "target: `PgTargetStore.write` of those pages (CSV, stage, upsert, checkpoint, new"
                        + " connection each)"},
                {"copyInDirect", "target: the same rows as CSV, `COPY` straight into the table, a transaction per"
                        + " page, one connection"},
                {"copyInStageUpsert", "target: the same CSV, `COPY` into a temp stage + `INSERT … ON CONFLICT DO"
                        + " UPDATE` per page (the store's SQL), one connection"},
                {"copyInStageUpsertNewConnections", "target: the same staged upsert, a new connection per page (as"
                        + " the store does)"},
            };
            for (String[] part : parts) {
                List<Long> samples = explain.samples.getOrDefault(part[0], List.of());
                r.append("| ").append(part[1]).append(" | ").append(Stats.ms(explain.median(part[0]))).append(" | ")
                        .append(rate(options.rows, explain.median(part[0]))).append(" | ").append(range(samples))
                        .append(" |\n");
            }
            r.append("\nOpening one `PGSimpleDataSource` connection (`getConnection()` + `isValid`): ")
                    .append(Stats.ms(explain.median("connection"))).append(" (the stores open one per page on each"
                    + " side).\n");
        }
        return r.toString();
    }

    private static String range(List<Long> samples) {
        return bare(samples.stream().min(Comparator.naturalOrder()).orElse(0L)) + "–"
                + bare(samples.stream().max(Comparator.naturalOrder()).orElse(0L)) + " ms";
    }

    private static String bare(long nanos) {
        return String.format(Locale.ROOT, "%,.0f", nanos / 1e6);
    }

    private static String rate(long rows, long nanos) {
        return fmt((long) (rows / (nanos / 1e9)));
    }

    private static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    // ---------------------------------------------------------------- plumbing

    /** The machine's load averages from {@code /proc/loadavg}, to judge the noise; "unknown" elsewhere. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** A cheap content check: row count and the sum of a hash of every row's text form. */
    private record Fingerprint(long rows, String hash) {
    }

    private static Fingerprint fingerprint(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*), coalesce(sum(hashtext(t::text)::bigint), 0)::text"
                     + " FROM t")) {
            rs.next();
            return new Fingerprint(rs.getLong(1), rs.getString(2));
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("WRONG RESULT: " + message);
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database;
    }

    private DataSource ds(String database) {
        return Child.dataSource(pg.getPort(), database);
    }

    private void createDatabase(String name) throws SQLException {
        execute(pg.getPostgresDatabase(), "CREATE DATABASE " + name);
    }

    private void createTarget(String name) throws SQLException {
        createDatabase(name);
        execute(ds(name), TABLE_DDL);
    }

    private void dropDatabase(String name) throws SQLException {
        execute(pg.getPostgresDatabase(), "DROP DATABASE IF EXISTS " + name);
    }

    private static int execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
            return Math.max(0, s.getUpdateCount());
        }
    }

    private static String queryText(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private void cleanUp() {
        if (pg != null) {
            try {
                pg.close();
            } catch (IOException e) {
                Harness.progress("stopping PostgreSQL failed: " + e.getMessage());
            }
        }
        try (Stream<Path> files = Files.walk(work)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            Harness.progress("could not delete " + work + ": " + e.getMessage());
        }
    }

    /** Command-line options of the copy mode. */
    @Command(name = "copy", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Side-by-side copy against a raw COPY pipe, and the incremental catch-up.")
    static final class Options {
        @Option(names = "--rows", converter = CommandLineOptions.Count.class,
                description = "rows in the source table (default: 1000000)")
        long rows = 1_000_000;
        @Option(names = "--rounds", description = "measured rounds (default: ${DEFAULT-VALUE})")
        int rounds = 3;
        @Option(names = "--batch", description = "ours: rows per page and target transaction (default: ${DEFAULT-VALUE})")
        int batch = 10_000;
        @Option(names = "--warmup-rows", converter = CommandLineOptions.Count.class,
                description = "an unmeasured copy of this many rows per side first (default: 50000)")
        long warmupRows = 50_000;
        @Option(names = "--explain-rounds", description = "how often each part is timed alone (default: ${DEFAULT-VALUE})")
        int explainRounds = 3;
        @Option(names = "--raw-text", description = "the raw pipe in text format instead of binary")
        boolean rawText;
        @Option(names = "--out", description = "where to write the table (default: upsilon-bench/results-copy.md)")
        Path out;
        List<String> raw = List.of();

        @Option(names = "--no-explain", description = "skip timing the parts alone")
        void noExplain(boolean skip) {
            if (skip) {
                explainRounds = 0;
            }
        }

        static Options parse(String[] args) {
            Options o = CommandLineOptions.parse(new Options(), args);
            o.raw = List.of(args);
            if (o.rounds < 1 || o.rows < 100 || o.batch < 1) {
                throw new IllegalArgumentException("need --rounds ≥ 1, --rows ≥ 100 and --batch ≥ 1");
            }
            o.warmupRows = Math.min(o.warmupRows, o.rows);
            if (o.out == null) {
                o.out = Child.resultsFile("results-copy.md");
            }
            return o;
        }
    }
}
