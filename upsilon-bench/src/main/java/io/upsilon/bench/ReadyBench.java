package io.upsilon.bench;

import io.upsilon.UpgradeResult;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * The {@code ready} benchmark: eight nodes start at once against data one version behind, with one pending task of
 * 2 s; measured is the time from the end of the task's work to the last node being READY. Upsilon's nodes wait on
 * the data version (LISTEN/NOTIFY); Flyway's nodes wait in {@code migrate()} for its advisory lock. Every round uses
 * fresh databases and the sides alternate which goes first. Checks that the task ran exactly once per round on each
 * side (rows in {@code ready_runs}, {@code TASK_END} lines, Flyway's executed counts) and reports any round where it
 * did not. Prints and writes a markdown section; asserts no times.
 */
final class ReadyBench {

    private static final List<String> SIDES = List.of("ours", "flyway");

    private final ReadyOptions options;
    private final Path work;
    private final Map<String, List<Long>> last = new LinkedHashMap<>();
    private final Map<String, List<Long>> runner = new LinkedHashMap<>();
    private final Map<String, List<Long>> waiters = new LinkedHashMap<>();
    private final Map<String, List<Long>> runnerTimeline = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();
    private EmbeddedPostgres pg;

    private ReadyBench(ReadyOptions options) throws java.io.IOException {
        this.options = options;
        this.work = Files.createTempDirectory("upsilon-ready-");
        SIDES.forEach(s -> {
            last.put(s, new ArrayList<>());
            runner.put(s, new ArrayList<>());
            waiters.put(s, new ArrayList<>());
        });
    }

    static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        ReadyBench bench = new ReadyBench(ReadyOptions.parse(args));
        try {
            bench.run();
        } finally {
            if (bench.pg != null) {
                bench.pg.close();
            }
            bench.cleanUp();
        }
    }

    private void run() throws Exception {
        Path log = work.resolve("nodes.log");
        Harness.progress("ready: work directory " + work + " (nodes' stderr in " + log + ")");
        pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off").start();
        Path flywayDir = Files.createDirectories(work.resolve("flyway"));
        Files.writeString(flywayDir.resolve("V1__base.sql"), ReadyNode.RUNS_TABLE_SQL + ";\n", StandardCharsets.UTF_8);
        for (int r = 1; r <= options.rounds; r++) {
            List<String> order = r % 2 == 1 ? SIDES : List.of(SIDES.get(1), SIDES.get(0));
            for (String side : order) {
                String db = "ready_" + side + "_" + r;
                createDatabase(db);
                DataSource ds = Child.dataSource(pg.getPort(), db);
                List<String> extra = new ArrayList<>(List.of(String.valueOf(options.taskMillis)));
                if (side.equals("ours")) {
                    baselineOurs(ds);
                } else {
                    baselineFlyway(ds, flywayDir);
                    extra.add(flywayDir.toString());
                }
                Harness.progress("ready: round " + r + ", " + side + ": " + options.nodes + " nodes");
                ReadyRound.Result result = ReadyRound.run("ready-" + side, pg.getPort(), db, options.nodes, extra,
                        log, options.timeoutMillis);
                judge(r, side, result, countRuns(ds));
            }
        }
        String report = report();
        System.out.println(report);
        Files.writeString(options.out, report, StandardCharsets.UTF_8);
        Harness.progress("wrote " + options.out.toAbsolutePath().normalize());
    }

    /** The data at 1.0 (the runs table), as a previous release left it. */
    private void baselineOurs(DataSource ds) {
        PostgresBackend backend = PostgresBackend.create(ds);
        UpgradeResult r = Upsilon.create(UpsilonConfig.builder().manifest(ReadyOursNode.manifest(options.taskMillis))
                .softwareVersion(Version.parse("1.0")).store(backend.store())
                .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, "harness")).nodeId("harness").build()).upgrade();
        if (r.tasks().size() != 1) {
            throw new IllegalStateException("the 1.0 baseline did not run one task: " + r);
        }
    }

    private static void baselineFlyway(DataSource ds, Path dir) {
        MigrateResult r = ReadyFlywayNode.flyway(ds, dir, false).migrate();
        if (r.migrationsExecuted != 1) {
            throw new IllegalStateException("the V1 baseline executed " + r.migrationsExecuted + " migrations");
        }
    }

    /** Adds the round's figures, or says why the round does not count. */
    private void judge(int round, String side, ReadyRound.Result result, long rows) {
        String where = "round " + round + ", " + side + ": ";
        result.problems().forEach(p -> problems.add(where + p));
        if (rows != 1 || result.taskEnds().size() != 1) {
            problems.add(where + "the task ran " + rows + " times by the table (" + result.taskEnds().size()
                    + " TASK_END lines); must be exactly once");
        }
        int executed = result.executed().values().stream().mapToInt(Integer::intValue).sum();
        if (side.equals("flyway") && executed != 1) {
            problems.add(where + "Flyway reported " + executed + " executed migrations over all nodes");
        }
        if (result.taskEnds().size() != 1 || result.readies().size() != options.nodes) {
            problems.add(where + "not counted (" + result.readies().size() + " of " + options.nodes + " READY)");
            return;
        }
        String taskNode = result.taskEnds().keySet().iterator().next();
        long end = result.taskEnds().get(taskNode);
        long late = result.starts().values().stream().filter(s -> s > end).count();
        if (late > 0) {
            problems.add(where + late + " node(s) started only after the task ended");
        }
        long lastReady = Collections.max(result.readies().values());
        last.get(side).add(nanos(lastReady - end));
        runner.get(side).add(nanos(result.readies().get(taskNode) - end));
        // Upsilon's runner reports its upgrade events: where its own time after the task goes
        result.events().getOrDefault(taskNode, Map.of()).forEach((event, at) -> {
            if (at >= end) {
                runnerTimeline.computeIfAbsent(event, e -> new ArrayList<>()).add(nanos(at - end));
            }
        });
        result.readies().forEach((node, ready) -> {
            if (!node.equals(taskNode)) {
                waiters.get(side).add(nanos(ready - end));
            }
        });
        Harness.progress("ready: round " + round + ", " + side + ": last node READY " + (lastReady - end)
                + " ms after the task's end (task ran on " + taskNode + ", " + rows + " row)");
    }

    private static long nanos(long millis) {
        return millis * 1_000_000L;
    }

    private long countRuns(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM ready_runs")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void createDatabase(String name) throws SQLException {
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
    }

    /** Deletes the work directory (the baseline migration, the nodes' log) unless {@code --keep}. */
    private void cleanUp() throws java.io.IOException {
        if (options.keep) {
            Harness.progress("kept " + work);
            return;
        }
        try (var files = Files.walk(work)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private String report() {
        return new ReadyReport(options, last, runner, waiters, runnerTimeline, problems).markdown();
    }
}
