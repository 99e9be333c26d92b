package io.upsilon.bench;

import io.upsilon.migrate.CutoverHook;
import io.upsilon.migrate.CutoverReport;
import io.upsilon.migrate.MigrationListener;
import io.upsilon.migrate.MigrationSpec;
import io.upsilon.migrate.Migrator;
import io.upsilon.migrate.RunReport;
import io.upsilon.migrate.Stores;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Option;

/**
 * The snapshot copy and log capture benchmark ({@code capture} mode), one embedded PostgreSQL with
 * {@code wal_level=logical}, a source table with no index but the key, side by side in one run for each size:
 * the raw binary {@code COPY} pipe; our first copy with {@code --jobs 1} and {@code --jobs 2} (snapshot, ranges,
 * slot); an incremental catch-up from the log after 1% of the rows changed; and the cut-over window after 5,000
 * changes (they are made as the window opens, so the window drains and verifies them; the time to make them is
 * taken out). Every copy is checked (row count); measures and reports, asserts no times.
 */
final class CaptureBench {

    static final class Options {
        @Option(names = "--sizes", split = ",", description = "table sizes in rows (default: 1000000,4000000)")
        List<Long> sizes = List.of(1_000_000L, 4_000_000L);
        @Option(names = "--changes", description = "changes before the window (default: ${DEFAULT-VALUE})")
        int changes = 5_000;
        @Option(names = "--out", description = "where to write the table (default: bench/results-capture.md)")
        Path out = Path.of("bench/results-capture.md");
    }

    private record Size(long rows, long raw, long jobs1, long jobs2, long incremental, long incrementalChanges,
                        long window, long verifiedKeys) {
    }

    private EmbeddedPostgres pg;
    private int databases;

    static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Options options = CommandLineOptions.parse(new Options(), args);
        CaptureBench bench = new CaptureBench();
        bench.pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off").setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "20").setServerConfig("max_wal_senders", "20").start();
        try {
            List<Size> sizes = new ArrayList<>();
            for (long rows : options.sizes) {
                sizes.add(bench.size(rows, options.changes));
            }
            String report = report(sizes, options.changes, bench.query(bench.pg.getPostgresDatabase(),
                    "SELECT version()"));
            System.out.println(report);
            Files.writeString(options.out, report, StandardCharsets.UTF_8);
            Harness.progress("wrote " + options.out.toAbsolutePath().normalize());
        } finally {
            bench.pg.close();
        }
    }

    private Size size(long rows, int changes) throws Exception {
        String sourceDb = database();
        DataSource source = ds(sourceDb);
        Harness.progress("source: " + rows + " rows, no index but the key");
        execute(source, CopyBench.TABLE_DDL);
        execute(source, "INSERT INTO t SELECT g, round((g % 100000) * 1.37, 2), 'note ' || md5(g::text),"
                + " (ARRAY['NEW', 'ACTIVE', 'CLOSED'])[g % 3 + 1], timestamptz '2025-01-01' + g * interval '1 second'"
                + " FROM generate_series(1, " + rows + ") g");
        execute(source, "VACUUM ANALYZE t");

        String rawTarget = target();
        long t = System.nanoTime();
        RawPipe.copy(source, ds(rawTarget), "SELECT " + CopyBench.COLUMNS + " FROM t", "t", CopyBench.COLUMNS, true);
        long raw = System.nanoTime() - t;
        check(ds(rawTarget), rows);

        long jobs1 = firstCopy(sourceDb, 1, rows, true);
        String target = target();
        Path spec = spec(sourceDb, target);
        try (SourceStore s = Stores.source(MigrationSpec.load(spec).source(), Map.of());
             TargetStore d = Stores.target(MigrationSpec.load(spec).target(), Map.of())) {
            Migrator migrator = Migrator.create(MigrationSpec.load(spec), s, d, CaptureBench.class.getClassLoader(),
                    Migrator.Options.defaults().withJobs(2));
            t = System.nanoTime();
            migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none());
            long jobs2 = System.nanoTime() - t;
            check(ds(target), rows);
            Harness.progress("jobs 1: " + Stats.ms(jobs1) + ", jobs 2: " + Stats.ms(jobs2) + ", raw " + Stats.ms(raw));

            execute(source, "UPDATE t SET state = 'CLOSED', updated_at = now() WHERE id % 100 = 0");
            t = System.nanoTime();
            RunReport incremental = migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none());
            long catchUp = System.nanoTime() - t;

            long every = Math.max(1, rows / changes);
            long[] making = new long[1];
            CutoverReport cut = migrator.continuous(Long.MAX_VALUE, 1, Duration.ZERO, new CutoverHook() {
                @Override
                public void enterWindow() {
                    long m = System.nanoTime();
                    try {
                        execute(source, "UPDATE t SET amount = amount + 1, updated_at = now() WHERE id % " + every
                                + " = 0");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                    making[0] = System.nanoTime() - m;
                }
            }, MigrationListener.none(), 10);
            if (!cut.cutOver()) {
                throw new IllegalStateException("the cut-over did not verify: " + cut.verify());
            }
            long window = cut.windowHeld().toNanos() - making[0];
            long verified = cut.verify().tables().stream().mapToLong(v -> v.expected()).sum();
            Harness.progress("window " + Stats.ms(window) + " (" + verified + " keys verified in it)");
            migrator.finish();
            return new Size(rows, raw, jobs1, jobs2, catchUp, incremental.entities().get(0).rowsRead(), window,
                    verified);
        }
    }

    private long firstCopy(String sourceDb, int jobs, long rows, boolean drop) throws Exception {
        String target = target();
        Path spec = spec(sourceDb, target);
        MigrationSpec parsed = MigrationSpec.load(spec);
        try (SourceStore s = Stores.source(parsed.source(), Map.of());
             TargetStore d = Stores.target(parsed.target(), Map.of())) {
            Migrator migrator = Migrator.create(parsed, s, d, CaptureBench.class.getClassLoader(),
                    Migrator.Options.defaults().withJobs(jobs));
            long t = System.nanoTime();
            migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none());
            long took = System.nanoTime() - t;
            check(ds(target), rows);
            if (drop) {
                migrator.finish();
            }
            return took;
        }
    }

    private static String report(List<Size> sizes, int changes, String postgres) {
        StringBuilder md = new StringBuilder("# Snapshot copy and log capture (`capture` mode)\n\n")
                .append(postgres).append("; ").append(Runtime.getRuntime().availableProcessors())
                .append(" processors (a shared machine: figures move with the neighbours' load).\n\n")
                .append("| rows | raw COPY pipe | first copy --jobs 1 | --jobs 2 | ours/raw (jobs 2, goal >= 0.8) |")
                .append(" jobs 2 / jobs 1 | catch-up of 1% | catch-up / copy (goal <= 0.05) | window after ")
                .append(changes).append(" changes | window / copy (goal <= 0.1) |\n")
                .append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Size s : sizes) {
            md.append(String.format(java.util.Locale.ROOT,
                    "| %,d | %s | %s | %s | %.2fx | %.2fx | %s (%,d changes) | %.3fx | %s (%,d keys) | %.3fx |%n",
                    s.rows(), Stats.ms(s.raw()), Stats.ms(s.jobs1()), Stats.ms(s.jobs2()),
                    (double) s.raw() / s.jobs2(), (double) s.jobs2() / s.jobs1(), Stats.ms(s.incremental()),
                    s.incrementalChanges(), (double) s.incremental() / s.jobs2(), Stats.ms(s.window()),
                    s.verifiedKeys(), (double) s.window() / s.jobs2()));
        }
        if (sizes.size() > 1) {
            Size small = sizes.get(0);
            Size big = sizes.get(sizes.size() - 1);
            md.append(String.format(java.util.Locale.ROOT, "%nThe window grew %.0f%% from %,d to %,d rows (goal:"
                    + " < 20%%).%n", 100.0 * (big.window() - small.window()) / small.window(), small.rows(),
                    big.rows()));
        }
        return md.toString();
    }

    private Path spec(String sourceDb, String target) throws Exception {
        Path spec = Files.createTempFile("capture-bench-", ".yaml");
        Files.writeString(spec, """
                source: {url: "%s", user: postgres}
                target: {url: "%s", user: postgres}
                entities:
                  - {name: t, source: t, target: t, key: [id], updatedAt: updated_at, batchSize: 10000}
                """.formatted(url(sourceDb), url(target)));
        return spec;
    }

    private String target() throws SQLException {
        String name = database();
        execute(ds(name), CopyBench.TABLE_DDL);
        return name;
    }

    private String database() throws SQLException {
        String name = "capture_" + (++databases);
        execute(pg.getPostgresDatabase(), "CREATE DATABASE " + name);
        return name;
    }

    private String url(String database) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database + "?user=postgres";
    }

    private DataSource ds(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url(database));
        return ds;
    }

    private void check(DataSource target, long rows) throws SQLException {
        long copied = Long.parseLong(query(target, "SELECT count(*) FROM t"));
        if (copied != rows) {
            throw new IllegalStateException("copied " + copied + " rows, expected " + rows);
        }
    }

    private static void execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private String query(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
