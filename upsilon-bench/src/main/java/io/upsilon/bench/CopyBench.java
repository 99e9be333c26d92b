package io.upsilon.bench;

import io.upsilon.migrate.MigrationListener;
import io.upsilon.migrate.MigrationSpec;
import io.upsilon.migrate.Migrator;
import io.upsilon.migrate.RunReport;
import io.upsilon.migrate.Stores;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The side-by-side copy benchmark ({@code copy} mode): one embedded PostgreSQL, a source database with a table of N
 * rows, and per round two fresh empty target databases. <em>Ours</em> copies the table with upsilon-migrate's
 * {@link Migrator} (one entity, no transforms); the <em>raw</em> peer pipes {@code COPY … TO STDOUT} into
 * {@code COPY … FROM STDIN} with pgJDBC ({@link RawPipe}). Sides alternate which goes first. After the full copies,
 * 1% of the source rows change and ours runs again from its checkpoint (incremental). Every run is checked: the
 * target's row count and a content fingerprint equal the source's. Then (unless {@code --no-explain}) the parts of our
 * copy are timed on their own, to show what dominates ({@link CopyExplain}). Measures and reports
 * ({@link CopyReport}); asserts no times. The server and databases come from {@link BenchDatabases}.
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
    private final String loadAtStart = BenchDatabases.loadAverage();
    private BenchDatabases pg;

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
    record Round(int number, boolean oursFirst, long oursCreate, long oursRun, long oursPage, long oursWrite,
                 long pages, long raw, long incremental, long incrementalRows) {
    }

    private void run() throws Exception {
        Harness.progress("starting embedded PostgreSQL");
        pg = BenchDatabases.start(false);
        String postgres = pg.version();
        String jvm = System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version");
        Harness.progress("JVM " + jvm + "; " + postgres);

        Harness.progress("creating the source table with " + CopyReport.fmt(options.rows) + " rows");
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
        CopyExplain.Samples explain = options.explainRounds > 0 ? new CopyExplain(pg, options).explain(source) : null;
        String report = CopyReport.markdown(options, loadAtStart, jvm, postgres, rounds, explain);
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
        Harness.progress("warm-up (unmeasured): both sides copy the first " + CopyReport.fmt(options.warmupRows) + " rows");
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
                Harness.progress("round " + r + ": ours " + Stats.ms(ours.run) + " (" + CopyReport.rate(options.rows, ours.run)
                        + " rows/s)");
            } else {
                Harness.progress("round " + r + ": raw COPY pipe");
                raw = raw(source, rawDb, "");
                check(fingerprint(ds(rawDb)).equals(expected), "raw: the target differs from the source");
                Harness.progress("round " + r + ": raw " + Stats.ms(raw) + " (" + CopyReport.rate(options.rows, raw)
                        + " rows/s)");
            }
        }
        dropDatabase(rawDb);

        // 1% of the rows change; ours catches up from its checkpoint
        String marker = "changed in round " + r;
        int changed = execute(source, "UPDATE t SET note = '" + marker + "', amount = amount + 1,"
                + " state = 'CLOSED', updated_at = now() WHERE id % 100 = 0");
        Fingerprint afterChange = fingerprint(source);
        Harness.progress("round " + r + ": changed " + CopyReport.fmt(changed) + " source rows; ours incremental run");
        OursRun incremental = ours(spec(oursDb, TABLE, null));
        check("checkpoint".equals(incremental.entity.started()) && incremental.entity.rowsRead() >= changed,
                "incremental read " + incremental.entity.rowsRead() + " rows from " + incremental.entity.started());
        DataSource oursTarget = ds(oursDb);
        check(Long.parseLong(queryText(oursTarget, "SELECT count(*) FROM t WHERE note = '" + marker + "'"))
                == changed, "incremental: not every changed row carries its new value");
        check(fingerprint(oursTarget).equals(afterChange), "incremental: the target differs from the source");
        Harness.progress("round " + r + ": incremental " + Stats.ms(incremental.run) + ", "
                + CopyReport.fmt(incremental.entity.rowsRead()) + " rows read; create " + Stats.ms(incremental.create)
                + ", in page() " + Stats.ms(incremental.timed.pageNanos.get()) + " (" + incremental.timed.pages.get()
                + "), in write() " + Stats.ms(incremental.timed.writeNanos.get()));
        dropDatabase(oursDb);
        execute(source, "VACUUM ANALYZE t");
        return new Round(r, oursFirst, ours.create, ours.run, ours.timed.pageNanos.get(), ours.timed.writeNanos.get(),
                ours.timed.pages.get(), raw, incremental.run, incremental.entity.rowsRead());
    }

    // ---------------------------------------------------------------- plumbing

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

    static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalStateException("WRONG RESULT: " + message);
        }
    }

    private String url(String database) {
        return "jdbc:postgresql://localhost:" + pg.port() + "/" + database;
    }

    private DataSource ds(String database) {
        return pg.ds(database);
    }

    private void createDatabase(String name) throws SQLException {
        pg.create(name);
    }

    /** A fresh target database with the table (primary key only). */
    static void createTarget(BenchDatabases pg, String name) throws SQLException {
        BenchDatabases.execute(pg.create(name), TABLE_DDL);
    }

    private void createTarget(String name) throws SQLException {
        createTarget(pg, name);
    }

    private void dropDatabase(String name) throws SQLException {
        pg.drop(name);
    }

    private static int execute(DataSource ds, String sql) throws SQLException {
        return BenchDatabases.execute(ds, sql);
    }

    private static String queryText(DataSource ds, String sql) throws SQLException {
        return BenchDatabases.query(ds, sql);
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
