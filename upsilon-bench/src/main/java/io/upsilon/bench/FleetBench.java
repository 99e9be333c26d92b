package io.upsilon.bench;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.Manifest;
import io.upsilon.NodeState;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.UpgradeEvent;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.testsupport.PgBouncerFixture;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A hundred nodes of one new version start at once in this JVM against one database, with one pending task: the
 * time from the task's end to the last node READY, directly (advisory lock, LISTEN/NOTIFY) and through PgBouncer in
 * transaction pooling (lease lock, polling), with the connections the fleet holds counted in
 * {@code pg_stat_activity}. In one JVM because a hundred JVMs do not fit two CPUs; each node has its own backend,
 * data source, threads and connections, and they share what the nodes of one process share: their change feed's
 * {@code LISTEN} connection, or its poll.
 */
final class FleetBench {

    private FleetBench() {
    }

    /**
     * The pending task: waits until every other node is WAITING (so the figure is readiness, not how long a hundred
     * nodes take to start on two CPUs), sleeps, inserts one row on the task's connection, and notes when it ended.
     */
    public static final class SlowTask extends BaseUpgradeTask {
        static volatile long taskMillis;
        static volatile CountDownLatch othersWaiting = new CountDownLatch(0);
        static final AtomicLong END = new AtomicLong();

        @Override
        public void execute(TaskContext context) throws Exception {
            if (!othersWaiting.await(120, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not every other node was WAITING within 120 s");
            }
            Thread.sleep(taskMillis);
            try (Statement s = context.connection().createStatement()) {
                s.execute("INSERT INTO fleet_runs VALUES (now())");
            }
            END.set(System.nanoTime());
        }
    }

    private static Manifest manifest() {
        return Manifest.of("fleet", List.of(
                TaskDefinition.of(Version.parse("1.0"), "create", () -> new BaseUpgradeTask() {
                    @Override
                    public void execute(TaskContext context) throws Exception {
                        try (Statement s = context.connection().createStatement()) {
                            s.execute("CREATE TABLE fleet_runs (at timestamptz)");
                        }
                    }
                }),
                TaskDefinition.of(Version.parse("1.1"), "slow", SlowTask::new)));
    }

    /**
     * One side's round: task end to last READY (ms), runs of the task, connections held once READY; where the time
     * went: task end to the last node seeing the new data version (notification or poll, then the node's worker
     * picking it up), and the longest a node took from seeing it to READY (the fence check before serving).
     */
    private record Round(double lastReadyMs, long runs, long held, double lastSeenMs, double slowestSeenToReadyMs) {
    }

    static void main(String[] args) throws Exception {
        Options o = Options.parse(args);
        SlowTask.taskMillis = o.taskMillis;
        Optional<String> noBouncer = PgBouncerFixture.unavailable();
        List<Round> direct = new ArrayList<>();
        List<Round> bouncer = new ArrayList<>();
        for (int r = 1; r <= o.rounds; r++) {
            direct.add(round(o, false));
            Harness.progress("fleet round " + r + " direct: " + direct.get(r - 1));
            if (noBouncer.isEmpty()) {
                bouncer.add(round(o, true));
                Harness.progress("fleet round " + r + " PgBouncer: " + bouncer.get(r - 1));
            }
        }
        String report = report(o, direct, bouncer, noBouncer);
        System.out.println(report);
        Files.writeString(o.out, report, StandardCharsets.UTF_8);
    }

    private static Round round(Options o, boolean viaBouncer) throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        Upsilon.create(config(PostgresBackend.create(db.dataSource("upsilon:setup")), LockKind.ADVISORY, "setup")
                .build()).migrateTo(Version.parse("1.0"));
        SlowTask.END.set(0);
        SlowTask.othersWaiting = new CountDownLatch(o.nodes - 1);
        ConcurrentHashMap<String, Long> ready = new ConcurrentHashMap<>();
        ConcurrentHashMap<String, Long> seen = new ConcurrentHashMap<>();
        Version target = Version.parse("1.1");
        List<UpsilonNode> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < o.nodes; i++) {
                String id = "n" + i;
                DataSource ds = viaBouncer ? PgBouncerFixture.dataSource(db, "upsilon:" + id)
                        : db.dataSource("upsilon:" + id);
                PostgresBackend backend = PostgresBackend.create(ds);
                UpsilonConfig config = config(backend, viaBouncer ? LockKind.LEASE : LockKind.ADVISORY, id)
                        .callback((event, context) -> {
                            NodeState state = context.state().orElse(null);
                            if (event == UpgradeEvent.STATE_CHANGED && state == NodeState.READY) {
                                ready.putIfAbsent(id, System.nanoTime());
                            } else if (event == UpgradeEvent.STATE_CHANGED && state == NodeState.WAITING) {
                                SlowTask.othersWaiting.countDown();
                            } else if (event == UpgradeEvent.DATA_VERSION_SEEN
                                    && context.version().equals(Optional.of(target))) {
                                seen.putIfAbsent(id, System.nanoTime());
                            }
                        }).build();
                nodes.add(UpsilonNode.builder(config).registry(backend.nodes())
                        .feed(viaBouncer ? backend.pollingFeed() : backend.feed())
                        .pollInterval(viaBouncer ? Duration.ofMillis(o.pollMillis) : Duration.ofSeconds(2))
                        .build().start());
            }
            for (UpsilonNode node : nodes) {
                if (!node.awaitState(NodeState.READY, Duration.ofSeconds(120))) {
                    throw new IllegalStateException("a node did not get READY within 120 s");
                }
            }
            long end = SlowTask.END.get();
            Harness.progress("after the task's end, nodes saw the new version at " + spread(seen.values(), end)
                    + ", were READY at " + spread(ready.values(), end));
            long last = ready.values().stream().mapToLong(Long::longValue).max().orElseThrow();
            long lastSeen = seen.values().stream().mapToLong(Long::longValue).max().orElse(end);
            long slowest = seen.entrySet().stream().mapToLong(e -> ready.get(e.getKey()) - e.getValue()).max()
                    .orElse(0);
            return new Round((last - end) / 1e6, (Long) db.queryOne("SELECT count(*) FROM fleet_runs"), held(db),
                    (lastSeen - end) / 1e6, slowest / 1e6);
        } finally {
            nodes.forEach(UpsilonNode::close);
        }
    }

    /**
     * The connections the fleet holds once every node is READY, as {@code FleetIT} counts them: backends of
     * connections just closed (each node's start-up reads, its READY bookkeeping) leave {@code pg_stat_activity} a
     * moment later, and a heartbeat holds one for a statement, so this samples for up to two seconds and keeps the
     * smallest count.
     */
    private static long held(TestDatabase db) throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 40; i++) {
            least = Math.min(least, (Long) db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE datname ="
                    + " current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'"));
            Thread.sleep(50);
        }
        return least;
    }

    private static UpsilonConfig.Builder config(PostgresBackend backend, LockKind lock, String id) {
        return UpsilonConfig.builder().manifest(manifest()).store(backend.store()).lock(backend.lock(lock, id))
                .nodeId(id);
    }

    private static String report(Options o, List<Round> direct, List<Round> bouncer, Optional<String> noBouncer) {
        StringBuilder r = new StringBuilder("# A hundred nodes READY after one pending task\n\n");
        r.append(String.format(Locale.ROOT, "`fleet --rounds %d --nodes %d --task-ms %d --poll-ms %d`: %d nodes of"
                + " software 1.1 start at once in one JVM against one database at data version 1.0; the one pending"
                + " task waits until the other nodes are WAITING, sleeps %d ms and inserts a row. Time from the"
                + " task's end to the last node READY; connections"
                + " to the database counted in `pg_stat_activity` once every node is READY (the smallest count over"
                + " two seconds, as the just-closed sessions of the nodes' READY bookkeeping leave). Embedded"
                + " PostgreSQL, %d CPUs; load average at the end %s.%n%n", o.rounds, o.nodes, o.taskMillis,
                o.pollMillis, o.nodes, o.taskMillis, Runtime.getRuntime().availableProcessors(),
                Harness.loadAverage()));
        r.append("| path | lock, feed | last node READY after task end, median (min–max) | last node saw the new"
                + " version, median | slowest seen → READY, median | task runs per round | connections held |\n"
                + "|---|---|---:|---:|---:|---:|---:|\n");
        row(r, "direct", "advisory, LISTEN/NOTIFY (poll 2 s)", direct);
        if (noBouncer.isEmpty()) {
            row(r, "PgBouncer, transaction pooling (pool " + PgBouncerFixture.POOL_SIZE + ")", "lease, polling every "
                    + o.pollMillis + " ms", bouncer);
        }
        r.append('\n');
        verdict(r, "directly", direct, 200);
        if (noBouncer.isEmpty()) {
            verdict(r, "through PgBouncer (poll interval + 100 ms)", bouncer, o.pollMillis + 100);
        } else {
            r.append("PgBouncer: not measured (").append(noBouncer.get()).append(").\n");
        }
        return r.toString();
    }

    private static void row(StringBuilder r, String path, String how, List<Round> rounds) {
        List<Double> ms = rounds.stream().map(Round::lastReadyMs).sorted().toList();
        r.append("| ").append(path).append(" | ").append(how).append(" | ").append(fmt(median(ms))).append(" ms (")
                .append(fmt(ms.get(0))).append("–").append(fmt(ms.get(ms.size() - 1))).append(") | ")
                .append(fmt(median(rounds.stream().map(Round::lastSeenMs).sorted().toList()))).append(" ms | ")
                .append(fmt(median(rounds.stream().map(Round::slowestSeenToReadyMs).sorted().toList())))
                .append(" ms | ")
                .append(rounds.stream().map(x -> String.valueOf(x.runs)).distinct().toList()).append(" | ")
                .append(rounds.stream().map(x -> String.valueOf(x.held)).toList()).append(" |\n");
    }

    private static void verdict(StringBuilder r, String path, List<Round> rounds, long goalMs) {
        double median = median(rounds.stream().map(Round::lastReadyMs).sorted().toList());
        boolean once = rounds.stream().allMatch(x -> x.runs == 1);
        r.append("Goal (DESIGN.md): 100 nodes ").append(path).append(", last node READY within ").append(goalMs)
                .append(" ms of the task's end, task once: **").append(median <= goalMs && once ? "met" : "NOT met")
                .append("** (median ").append(fmt(median)).append(" ms").append(once ? "" : "; the task ran more or"
                + " less than once in a round").append(").\n\n");
    }

    private static double median(List<Double> sorted) {
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Median, 90th percentile and maximum of {@code times} after {@code from}, in ms. */
    private static String spread(java.util.Collection<Long> times, long from) {
        List<Long> ms = times.stream().map(t -> (t - from) / 1_000_000).sorted().toList();
        return ms.isEmpty() ? "—" : "median " + ms.get(ms.size() / 2) + " / p90 " + ms.get(ms.size() * 9 / 10)
                + " / max " + ms.get(ms.size() - 1) + " ms";
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, "%.0f", ms);
    }

    /** Command-line options of the {@code fleet} benchmark. */
    @Command(name = "fleet", mixinStandardHelpOptions = true, sortOptions = false,
            description = "A hundred nodes in one JVM, one pending task: task end to the last node READY, directly"
                    + " and through PgBouncer in transaction pooling.")
    static final class Options {
        @Option(names = "--rounds", description = "rounds per path (default: ${DEFAULT-VALUE})")
        int rounds = 5;
        @Option(names = "--nodes", description = "nodes per round (default: ${DEFAULT-VALUE})")
        int nodes = 100;
        @Option(names = "--task-ms", description = "how long the pending task sleeps (default: ${DEFAULT-VALUE})")
        long taskMillis = 2_000;
        @Option(names = "--poll-ms", description = "poll interval through PgBouncer (default: ${DEFAULT-VALUE})")
        long pollMillis = 100;
        @Option(names = "--out", description = "where to write the section (default: upsilon-bench/results-fleet.md)")
        Path out;

        static Options parse(String[] args) {
            Options o = CommandLineOptions.parse(new Options(), args);
            if (o.rounds < 1 || o.nodes < 2 || o.taskMillis < 0 || o.pollMillis < 1) {
                throw new IllegalArgumentException("need --rounds >= 1, --nodes >= 2, --task-ms >= 0, --poll-ms >= 1");
            }
            if (o.out == null) {
                o.out = Child.resultsFile("results-fleet.md");
            }
            return o;
        }
    }
}
