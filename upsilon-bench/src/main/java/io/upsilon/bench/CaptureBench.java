package io.upsilon.bench;

import io.upsilon.migrate.CatchUpSession;
import io.upsilon.migrate.CutoverHook;
import io.upsilon.migrate.CutoverReport;
import io.upsilon.migrate.MigrationListener;
import io.upsilon.migrate.MigrationSpec;
import io.upsilon.migrate.Migrator;
import io.upsilon.migrate.RunReport;
import io.upsilon.migrate.Stores;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import picocli.CommandLine.Option;

/**
 * The snapshot copy and log capture benchmark ({@code capture} mode): two embedded PostgreSQL servers as the old and
 * the new cluster (the source on one with {@code wal_level=logical}, every target on the other, so the slot decodes
 * only the source's WAL, as between real clusters), a source table with no index but the key, side by side in one
 * run for each size: the
 * raw binary {@code COPY} pipe; our first copy with {@code --jobs 1} and {@code --jobs 2} (slot, snapshot, ranges),
 * each split into its set-up, its ranges and its end; a catch-up from the log after 1% of the rows changed, both as
 * {@code migrate run} does it (a new log reader) and inside one continuous session (the reader kept); and, in that
 * session, the cut-over window after 5,000 changes (made as the window opens, so the window drains and verifies them;
 * the time to make them is taken out), split into its final catch-up and its verification. Every copy is checked
 * (row count). Measures and reports, asserts no times.
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

    /** A first copy's time, and how much of it came before the first range was written and after the last. */
    record Copy(long total, long setUp, long end) {
    }

    /** One size's figures, in nanoseconds. */
    record Size(long rows, long raw, Copy jobs1, Copy jobs2, long runCatchUp, long sessionCatchUp, long changes,
                long window, long windowDrain, long verifiedKeys) {
    }

    /** The old cluster (sources) and the new one (targets). */
    private final BenchDatabases old;
    private final BenchDatabases neu;
    private int databases;

    private CaptureBench(BenchDatabases old, BenchDatabases neu) {
        this.old = old;
        this.neu = neu;
    }

    static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        Options options = CommandLineOptions.parse(new Options(), args);
        String loadBefore = BenchDatabases.loadAverage();
        try (BenchDatabases old = BenchDatabases.start(true); BenchDatabases neu = BenchDatabases.start(false)) {
            CaptureBench bench = new CaptureBench(old, neu);
            List<Size> sizes = new ArrayList<>();
            for (long rows : options.sizes) {
                sizes.add(bench.size(rows, options.changes));
            }
            String report = CaptureReport.markdown(sizes, options.changes, old.version(), loadBefore,
                    BenchDatabases.loadAverage(), String.join(" ", args));
            System.out.println(report);
            Files.writeString(options.out, report, StandardCharsets.UTF_8);
            Harness.progress("wrote " + options.out.toAbsolutePath().normalize());
        }
    }

    private Size size(long rows, int changes) throws Exception {
        String sourceDb = database();
        old.create(sourceDb);
        DataSource source = old.ds(sourceDb);
        Harness.progress("source: " + rows + " rows, no index but the key");
        BenchDatabases.execute(source, CopyBench.TABLE_DDL);
        BenchDatabases.execute(source, "INSERT INTO t SELECT g, round((g % 100000) * 1.37, 2), 'note ' || md5(g::text),"
                + " (ARRAY['NEW', 'ACTIVE', 'CLOSED'])[g % 3 + 1], timestamptz '2025-01-01' + g * interval '1 second'"
                + " FROM generate_series(1, " + rows + ") g");
        BenchDatabases.execute(source, "VACUUM ANALYZE t");

        String rawTarget = target();
        long t = System.nanoTime();
        RawPipe.copy(source, neu.ds(rawTarget), "SELECT " + CopyBench.COLUMNS + " FROM t", "t", CopyBench.COLUMNS, true);
        long raw = System.nanoTime() - t;
        check(neu.ds(rawTarget), rows);

        Copy jobs1 = firstCopy(sourceDb, 1, rows);
        String target = target();
        MigrationSpec parsed = MigrationSpec.load(spec(sourceDb, target));
        try (SourceStore s = Stores.source(parsed.source(), Map.of());
             TargetStore d = Stores.target(parsed.target(), Map.of())) {
            Migrator migrator = Migrator.create(parsed, s, d, CaptureBench.class.getClassLoader(),
                    Migrator.Options.defaults().withJobs(2));
            Copy jobs2 = timed(migrator);
            check(neu.ds(target), rows);
            Harness.progress("jobs 1: " + Stats.ms(jobs1.total()) + ", jobs 2: " + Stats.ms(jobs2.total()) + ", raw "
                    + Stats.ms(raw));

            // as 'migrate run' does it: a new log reader (a Debezium engine) for the one catch-up
            BenchDatabases.execute(source, "UPDATE t SET state = 'CLOSED', updated_at = now() WHERE id % 100 = 0");
            t = System.nanoTime();
            migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none());
            long runCatchUp = System.nanoTime() - t;

            Size size;
            try (CatchUpSession session = migrator.openSession(MigrationListener.none())) {
                session.catchUp(); // starts the reader; nothing to apply
                BenchDatabases.execute(source, "UPDATE t SET state = 'ACTIVE', updated_at = now() WHERE id % 100 = 1");
                t = System.nanoTime();
                RunReport caught = session.catchUp();
                long sessionCatchUp = System.nanoTime() - t;
                Harness.progress("catch-up of 1%: " + Stats.ms(runCatchUp) + " in a new run, "
                        + Stats.ms(sessionCatchUp) + " in a session");

                long every = Math.max(1, rows / changes);
                long[] making = new long[1];
                CutoverReport cut = session.cutOver(Long.MAX_VALUE, 1, Duration.ZERO, new CutoverHook() {
                    @Override
                    public void enterWindow() {
                        long m = System.nanoTime();
                        try {
                            BenchDatabases.execute(source, "UPDATE t SET amount = amount + 1, updated_at = now()"
                                    + " WHERE id % " + every + " = 0");
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                        making[0] = System.nanoTime() - m;
                    }
                }, 10);
                if (!cut.cutOver()) {
                    throw new IllegalStateException("the cut-over did not verify: " + cut.verify());
                }
                long window = cut.windowHeld().toNanos() - making[0];
                long drain = cut.finalRun().entities().get(0).took().toNanos();
                long verified = cut.verify().tables().stream().mapToLong(v -> v.expected()).sum();
                Harness.progress("window " + Stats.ms(window) + " (final catch-up " + Stats.ms(drain) + ", "
                        + verified + " keys verified)");
                size = new Size(rows, raw, jobs1, jobs2, runCatchUp, sessionCatchUp,
                        caught.entities().get(0).rowsRead(), window, drain, verified);
            }
            migrator.finish(); // once the session's reader has let go of the slot
            return size;
        }
    }

    private Copy firstCopy(String sourceDb, int jobs, long rows) throws Exception {
        String target = target();
        MigrationSpec parsed = MigrationSpec.load(spec(sourceDb, target));
        try (SourceStore s = Stores.source(parsed.source(), Map.of());
             TargetStore d = Stores.target(parsed.target(), Map.of())) {
            Migrator migrator = Migrator.create(parsed, s, d, CaptureBench.class.getClassLoader(),
                    Migrator.Options.defaults().withJobs(jobs));
            Copy copy = timed(migrator);
            check(neu.ds(target), rows);
            migrator.finish();
            return copy;
        }
    }

    /** A first copy ({@code run}), timed up to the first range written and from the last one. */
    private static Copy timed(Migrator migrator) {
        long[] firstLast = new long[2];
        long t = System.nanoTime();
        migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, (entity, read, updatedAt) -> {
            long now = System.nanoTime();
            synchronized (firstLast) {
                firstLast[0] = firstLast[0] == 0 ? now : firstLast[0];
                firstLast[1] = now;
            }
        });
        long end = System.nanoTime();
        return new Copy(end - t, firstLast[0] - t, end - firstLast[1]);
    }

    private Path spec(String sourceDb, String target) throws Exception {
        Path spec = Files.createTempFile("capture-bench-", ".yaml");
        spec.toFile().deleteOnExit();
        Files.writeString(spec, """
                source: {url: "%s", user: postgres}
                target: {url: "%s", user: postgres}
                entities:
                  - {name: t, source: t, target: t, key: [id], updatedAt: updated_at, batchSize: 10000}
                """.formatted(old.url(sourceDb), neu.url(target)));
        return spec;
    }

    /** A new database on the new cluster with the table (primary key only). */
    private String target() throws SQLException {
        String name = database();
        BenchDatabases.execute(neu.create(name), CopyBench.TABLE_DDL);
        return name;
    }

    private String database() {
        return "capture_" + (++databases);
    }

    private static void check(DataSource target, long rows) throws SQLException {
        long copied = Long.parseLong(BenchDatabases.query(target, "SELECT count(*) FROM t"));
        if (copied != rows) {
            throw new IllegalStateException("copied " + copied + " rows, expected " + rows);
        }
    }
}
