package io.upsilon.examples.transfers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.upsilon.Backends;
import io.upsilon.Version;
import io.upsilon.release.ChainStep;
import io.upsilon.release.PlannedChain;
import io.upsilon.release.Release;
import io.upsilon.release.ReleasePlanner;
import io.upsilon.release.ReleaseSet;
import io.upsilon.spi.BackendOptions;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import io.upsilon.spi.VersionStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The demo of issue #7: a live transfers service rolled through the releases of {@code examples/releases.yaml}
 * (1.0.0 → 1.0.1 → 1.0.2 → 2.0.0 → 2.0.1) under steady load, one node at a time, with 0 failed requests.
 *
 * <pre>
 * java -cp ... io.upsilon.examples.transfers.Demo [--quick] [--nodes 3] [--rate 150] [--duration 10]
 *      [--warmup 0] [--from 1.0.0] [--to 2.0.1] [--naive] [--no-move] [--rollback] [--json FILE] [--html FILE]
 *      [--releases FILE] [--work-dir DIR]
 * </pre>
 *
 * It starts an embedded PostgreSQL in a temporary directory, {@code --nodes} node processes of the first release
 * ({@link TransferNode}, one JVM each), the {@link DemoRouter} in front of them and the {@link LoadGenerator}
 * ({@code --rate} requests/s). It plans the chain with {@link ReleasePlanner}; for each step it replaces the nodes
 * one at a time: start the new node, wait until it is READY, take the old one out of the router, wait for its
 * requests in flight, stop it (SIGTERM). Between steps, and before and after, the load runs {@code --duration}
 * seconds on the steady cluster; {@code --warmup} seconds of load come first, in a phase of their own, so that
 * the first steady phase measures warmed-up nodes (the rolling benchmark compares it with the roll). {@code --naive}
 * does what a rollout without readiness and draining does: the router sends requests to nodes that are not ready,
 * and old nodes are killed with requests in flight.
 *
 * <p>{@code --rollback} then rolls the service back to {@code --from} under the same load ({@link RollbackLeg}) instead
 * of the side-by-side move.
 *
 * <p>Exit status: 0 when no request failed (1 otherwise), 2 on a usage error.
 */
public final class Demo {

    private final Map<String, String> opts;
    private final PrintStream out;
    private final boolean quick;
    private final boolean naive;
    private final boolean rollback;
    private final int nodes;
    private final int rate;
    private final double duration;
    private final double warmup;

    private Demo(Map<String, String> opts, PrintStream out) {
        this.opts = opts;
        this.out = out;
        this.quick = opts.containsKey("quick");
        this.naive = opts.containsKey("naive");
        this.rollback = opts.containsKey("rollback");
        this.nodes = Integer.parseInt(opts.getOrDefault("nodes", "3"));
        this.rate = Integer.parseInt(opts.getOrDefault("rate", quick ? "25" : "150"));
        this.duration = Double.parseDouble(opts.getOrDefault("duration", quick ? "1" : "10"));
        this.warmup = Double.parseDouble(opts.getOrDefault("warmup", "0"));
    }

    public static void main(String[] args) throws Exception {
        TransferNode.quietLogs();
        System.setProperty("org.slf4j.simpleLogger.log.io.upsilon", "warn");
        Map<String, Object> summary;
        try {
            summary = run(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("demo: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(((Number) ((Map<?, ?>) summary.get("total")).get("failed")).longValue() == 0 ? 0 : 1);
    }

    /** Runs the demo, prints its report to {@code out} and returns the summary (also written to {@code --json}). */
    public static Map<String, Object> run(String[] args, PrintStream out) throws Exception {
        Map<String, String> opts = TransferNode.options(args);
        for (String key : opts.keySet()) {
            if (!Set.of("quick", "naive", "no-move", "rollback", "nodes", "rate", "duration", "warmup", "from", "to", "json", "html", "releases", "work-dir")
                    .contains(key)) {
                throw new IllegalArgumentException("unknown option --" + key + "; see the class documentation");
            }
        }
        return new Demo(opts, out).run();
    }

    private Map<String, Object> run() throws Exception {
        ReleaseSet releases = Releases.load(opts.containsKey("releases") ? Path.of(opts.get("releases")) : null);
        List<Release> all = releases.releases();
        Version from = Version.parse(opts.getOrDefault("from", all.get(0).version().toString()));
        Version to = Version.parse(opts.getOrDefault("to", all.get(all.size() - 1).version().toString()));
        PlannedChain chain = new ReleasePlanner(releases).plan(from, to);
        out.printf("Upsilon demo: %d nodes, %d requests/s, %s; releases %s -> %s in %d steps (%s)%n", nodes, rate,
                naive ? "NAIVE rollout (no readiness gating, no draining)" : "rolling upgrade with readiness and"
                + " draining", from, to, chain.steps().size(), releases.source());
        for (ChainStep s : chain.steps()) {
            out.printf("  step %d: %s -> %s  API %s -> %s, data %s -> %s%n", s.number(), s.from().version(),
                    s.to().version(), s.from().apiVersions(), s.to().apiVersions(), s.from().dataVersion(),
                    s.to().dataVersion());
        }

        Path work = opts.containsKey("work-dir") ? Files.createDirectories(Path.of(opts.get("work-dir")))
                : Files.createTempDirectory("upsilon-demo");
        Path logs = Files.createDirectories(work.resolve("logs"));
        long t0 = System.nanoTime();
        List<Map<String, Object>> phases = new ArrayList<>();
        List<Map<String, Object>> events = new ArrayList<>();
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(work.resolve("pgdata"))
                .setCleanDataDirectory(true)
                .setServerConfig("max_connections", "200").setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off").start();
        List<NodeProcess> everyNode = new ArrayList<>();
        LoadGenerator load = null;
        EmbeddedPostgres newPg = null;
        try (DemoRouter router = new DemoRouter(!naive)) {
            try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE DATABASE transfers");
            }
            String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/transfers?user=postgres";
            out.printf("PostgreSQL (embedded) on port %d, data and node logs in %s%n", pg.getPort(), work);

            // the first release: all nodes at once (they race; one creates the schema, the others wait)
            Release first = chain.from();
            List<NodeProcess> slots = new ArrayList<>();
            for (int i = 1; i <= nodes; i++) {
                NodeProcess p = NodeProcess.start("n" + i, first.version().toString(), url, logs);
                slots.add(p);
                everyNode.add(p);
            }
            List<DemoRouter.Backend> backends = new ArrayList<>();
            for (NodeProcess p : slots) {
                p.awaitListening(Duration.ofSeconds(60));
                if (!p.awaitReady(Duration.ofSeconds(60))) {
                    throw new IllegalStateException(p + " did not become READY; see " + p.log());
                }
                backends.add(router.add(p));
            }
            event(events, t0, "cluster of " + nodes + " nodes at " + first.version() + " ready");
            out.printf("%s  %d nodes of release %s READY%n", clock(t0), nodes, first.version());

            load = new LoadGenerator(router.port(), t0);
            allow(load, List.of(first));
            String phase = "warm-up " + first.version();
            long phaseStart = System.nanoTime();
            if (warmup > 0) {
                load.phase(phase);
                load.start(rate);
                sleep(warmup);
                phases.add(phase(phase, phaseStart, t0, "warm-up"));
            }
            phase = "steady " + first.version();
            load.phase(phase);
            phaseStart = System.nanoTime();
            if (warmup <= 0) {
                load.start(rate);
            }
            sleep(duration);
            phases.add(phase(phase, phaseStart, t0, "steady"));

            for (ChainStep step : chain.steps()) {
                Release a = step.from();
                Release b = step.to();
                phase = "step " + step.number() + ": " + a.version() + " -> " + b.version();
                allow(load, List.of(a, b));
                load.phase(phase);
                phaseStart = System.nanoTime();
                out.printf("%s  %s (API %s, data %s -> %s)%n", clock(t0), phase, apis(List.of(a, b)),
                        a.dataVersion(), b.dataVersion());
                for (int i = 0; i < slots.size(); i++) {
                    NodeProcess old = slots.get(i);
                    DemoRouter.Backend oldBackend = backends.get(i);
                    NodeProcess fresh = NodeProcess.start("n" + (i + 1), b.version().toString(), url, logs);
                    everyNode.add(fresh);
                    long s0 = System.nanoTime();
                    if (naive) {
                        DemoRouter.Backend nb = router.add(fresh);      // traffic before it is even listening
                        router.remove(oldBackend);
                        old.kill();                                     // requests in flight die with it
                        backends.set(i, nb);
                        out.printf("%s    %s started and routed at once; %s killed%n", clock(t0), fresh, old);
                        Thread.sleep(300);
                    } else {
                        fresh.awaitListening(Duration.ofSeconds(60));
                        if (!fresh.awaitReady(Duration.ofSeconds(90))) {
                            throw new IllegalStateException(fresh + " did not become READY; see " + fresh.log());
                        }
                        long ready = System.nanoTime();
                        DemoRouter.Backend nb = router.add(fresh);
                        router.remove(oldBackend);
                        boolean drained = router.awaitIdle(oldBackend, Duration.ofSeconds(15));
                        old.stop(Duration.ofSeconds(20));
                        backends.set(i, nb);
                        out.printf("%s    %s READY after %d ms; %s drained%s and stopped%n", clock(t0), fresh,
                                (ready - s0) / 1_000_000, old, drained ? "" : " (TIMED OUT)");
                    }
                    slots.set(i, fresh);
                    event(events, t0, fresh + " in, " + old + " out");
                }
                if (naive) {
                    for (NodeProcess p : slots) {
                        p.awaitListening(Duration.ofSeconds(60));
                        p.awaitReady(Duration.ofSeconds(90));
                    }
                }
                phases.add(phase(phase, phaseStart, t0, "rolling"));
                phase = "steady " + b.version();
                allow(load, List.of(b));
                load.phase(phase);
                phaseStart = System.nanoTime();
                sleep(duration);
                phases.add(phase(phase, phaseStart, t0, "steady"));
            }
            Map<String, Object> back = null;
            if (rollback && !naive) {
                back = new RollbackLeg(releases, url, logs, router, load, t0, out).run(chain.from().version(), slots,
                        backends, everyNode, phases, events, duration);
            }
            Map<String, Object> move = null;
            if (!naive && !rollback && !opts.containsKey("no-move")) {
                phase = "move to new cluster";
                load.phase(phase);
                phaseStart = System.nanoTime();
                // the move is also the database server's upgrade: the new cluster runs PostgreSQL 17
                Optional<EmbeddedPostgres.Builder> newMajor = NewMajorPostgres.builder();
                newPg = newMajor.orElseGet(EmbeddedPostgres::builder).setDataDirectory(work.resolve("pgdata-new"))
                        .setCleanDataDirectory(true)
                        .setServerConfig("max_connections", "200").setServerConfig("fsync", "off")
                        .setServerConfig("synchronous_commit", "off").start();
                try (Connection c = newPg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE transfers");
                }
                String newUrl = "jdbc:postgresql://localhost:" + newPg.getPort() + "/transfers?user=postgres";
                String oldServer = serverVersion(pg);
                String newServer = serverVersion(newPg);
                out.printf("%s  %s: PostgreSQL %s (embedded; the old cluster runs %s) on port %d, release %s%n",
                        clock(t0), phase, newServer, oldServer, newPg.getPort(), chain.to().version());
                if (newMajor.isEmpty()) {
                    out.printf("%s    no PostgreSQL 17 binaries are packaged for this platform: the new cluster"
                            + " runs the same major%n", clock(t0));
                }
                move = SideBySideMove.run(chain.to(), url, newUrl, nodes, logs, router, slots, backends, everyNode,
                        what -> {
                            out.printf("%s    %s%n", clock(t0), what);
                            event(events, t0, what);
                        });
                move.put("postgresOld", oldServer);
                move.put("postgresNew", newServer);
                phases.add(phase(phase, phaseStart, t0, "move"));
                phase = "steady new cluster";
                load.phase(phase);
                phaseStart = System.nanoTime();
                sleep(duration);
                phases.add(phase(phase, phaseStart, t0, "steady"));
            }
            load.stop();
            long end = System.nanoTime();

            // the store's record of what ran where
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url);
            VersionStore store = Backends.forUrl(url).open(ds, BackendOptions.defaults()).store();
            List<TaskRecord> history = store.history();
            String dataVersion = store.dataVersion().map(Version::toString).orElse("none");
            long rows;
            long nullQuotes;
            String servingUrl = newPg == null ? url
                    : "jdbc:postgresql://localhost:" + newPg.getPort() + "/transfers?user=postgres";
            try (Connection c = SideBySideMove.dataSource(servingUrl).getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery(back == null ? "SELECT count(*), count(*) FILTER (WHERE quote_id IS"
                         + " NULL) FROM transfer" : "SELECT count(*), count(*) FROM transfer")) { // 1.0.0: no quote_id
                rs.next();
                rows = rs.getLong(1);
                nullQuotes = rs.getLong(2);
            }
            for (NodeProcess p : slots) {
                p.stop(Duration.ofSeconds(20));
            }
            return report(chain, load.samples(), phases, events, history, dataVersion, rows, nullQuotes, move, back,
                    t0, end, work);
        } finally {
            if (load != null) {
                load.close();
            }
            for (NodeProcess p : everyNode) {
                if (p.alive()) {
                    p.kill();
                }
            }
            pg.close();
            if (newPg != null) {
                newPg.close();
            }
        }
    }

    private Map<String, Object> report(PlannedChain chain, List<LoadGenerator.Sample> samples,
                                       List<Map<String, Object>> phases, List<Map<String, Object>> events,
                                       List<TaskRecord> history, String dataVersion, long rows, long nullQuotes,
                                       Map<String, Object> move, Map<String, Object> back, long t0, long end,
                                       Path work) throws IOException {
        // per-phase numbers from the samples
        for (Map<String, Object> p : phases) {
            List<LoadGenerator.Sample> in = samples.stream().filter(s -> s.phase().equals(p.get("name"))).toList();
            p.putAll(stats(in));
        }
        Map<String, Object> total = stats(samples);
        Map<String, Object> rolling = stats(samples.stream().filter(s -> s.phase().startsWith("step")).toList());
        Map<String, Object> rollingBack = stats(samples.stream().filter(s -> s.phase().startsWith("rollback"))
                .toList());

        out.println();
        out.println("Requests per phase (client side, through the router):");
        out.printf("  %-24s %8s %9s %7s %9s %9s%n", "PHASE", "SENT", "SUCCEEDED", "FAILED", "P50 ms", "P99 ms");
        for (Map<String, Object> p : phases) {
            row(p.get("name").toString(), p);
        }
        row("all rolling steps", rolling);
        if (back != null) {
            row("all rollback steps", rollingBack);
        }
        row("total", total);

        Map<String, String> errors = new LinkedHashMap<>();
        samples.stream().filter(s -> !s.ok()).limit(200).forEach(s -> errors.merge(s.status() + " "
                + String.valueOf(s.error()).replaceAll("\\s+", " ").substring(0, Math.min(120,
                String.valueOf(s.error()).length())), "1", (x, y) -> Integer.toString(Integer.parseInt(x) + 1)));
        if (!errors.isEmpty()) {
            out.println("  failures (first 200, by status and message):");
            errors.forEach((k, v) -> out.printf("    %4sx %s%n", v, k));
        }

        out.println();
        out.println("Upgrade tasks (from the history table):");
        out.printf("  %-8s %-58s %-10s %-10s %8s%n", "VERSION", "TASK", "STATUS", "NODE", "ms");
        List<Map<String, Object>> tasks = new ArrayList<>();
        for (TaskRecord r : history) {
            long ms = r.duration().map(Duration::toMillis).orElse(-1L);
            out.printf("  %-8s %-58s %-10s %-10s %8d%n", r.version(), r.task(), r.status(), r.nodeId(), ms);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("version", r.version().toString());
            t.put("task", r.task());
            t.put("status", r.status().name());
            t.put("node", r.nodeId());
            t.put("fencingToken", r.fencingToken());
            t.put("durationMs", ms);
            tasks.add(t);
        }
        // a rollback's history rows (ROLLED_BACK) are not runs: each task still ran forward once
        Map<String, Long> runs = history.stream().filter(r -> r.status() == TaskStatus.SUCCEEDED).collect(Collectors.groupingBy(r -> r.version() + " " + r.task(),
                LinkedHashMap::new, Collectors.counting()));
        boolean once = runs.values().stream().allMatch(n -> n == 1);
        String expected = (back != null ? chain.from() : chain.to()).dataVersion().toString();
        out.printf("%nData version %s (expected %s); %d tasks, each run %s; %d transfers stored (in the database"
                + " serving at the end), %d without a quote id.%n", dataVersion, expected, history.size(), once ? "exactly once" : "MORE THAN ONCE",
                rows, nullQuotes);
        if (move != null) {
            Map<String, Object> mp = phases.stream().filter(p -> p.get("name").equals("move to new cluster"))
                    .findFirst().orElseThrow();
            move.put("requests", Map.of("sent", mp.get("sent"), "succeeded", mp.get("succeeded"), "failed",
                    mp.get("failed"), "p99Ms", mp.get("p99Ms")));
            out.printf("Side-by-side move from PostgreSQL %s to PostgreSQL %s: %s rows migrated in %s catch-up runs plus the final one, %s verified, %s"
                    + " mismatches; the maintenance window held requests for %s ms (%s of them re-sent to the new cluster"
                    + " after it); %s rows written on the old database after the final catch-up, %s missing in the"
                    + " new cluster; %s of %s requests of the move failed.%n",
                    move.get("postgresOld"), move.get("postgresNew"), move.get("rowsMigrated"),
                    move.get("catchUpRuns"), move.get("rowsVerified"),
                    move.get("mismatches"), move.get("windowHeldMs"), move.get("heldAndResent"), move.get("lateRows"),
                    move.get("missingInNewCluster"), mp.get("failed"), mp.get("sent"));
            out.println("  tasks on the new cluster (its nodes built the schema on the empty database):");
            ((List<?>) move.getOrDefault("newClusterTasks", List.of())).forEach(t -> out.println("    " + t));
        }
        if (back != null) {
            out.printf("Rollback %s -> %s: %d of %d requests failed during the rollback steps; release history %s;"
                    + " data version %s.%n", back.get("from"), back.get("to"), (Long) rollingBack.get("failed"),
                    (Long) rollingBack.get("sent"), String.join(", ", (List<String>) back.get("releaseHistory")),
                    back.get("dataVersion"));
        }
        out.printf("Result: %d of %d requests failed during the rolling steps, %d of %d overall (%.1f s).%n",
                (Long) rolling.get("failed"), (Long) rolling.get("sent"), (Long) total.get("failed"),
                (Long) total.get("sent"), (end - t0) / 1e9);

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("mode", naive ? "naive" : "rolling");
        summary.put("nodes", nodes);
        summary.put("rate", rate);
        summary.put("from", chain.from().version().toString());
        summary.put("to", chain.to().version().toString());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (ChainStep s : chain.steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", s.number());
            m.put("from", s.from().version().toString());
            m.put("to", s.to().version().toString());
            m.put("apiBefore", s.from().apiVersions());
            m.put("apiAfter", s.to().apiVersions());
            m.put("dataBefore", s.from().dataVersion().toString());
            m.put("dataAfter", s.to().dataVersion().toString());
            steps.add(m);
        }
        summary.put("chain", steps);
        summary.put("phases", phases);
        summary.put("rolling", rolling);
        summary.put("total", total);
        summary.put("tasks", tasks);
        summary.put("eachTaskOnce", once);
        summary.put("dataVersion", dataVersion);
        summary.put("expectedDataVersion", expected);
        summary.put("transfers", rows);
        summary.put("transfersWithoutQuoteId", nullQuotes);
        summary.put("move", move);
        if (back != null) {
            back.put("requests", rollingBack);
            summary.put("rollback", back);
        }
        summary.put("durationSeconds", (end - t0) / 1e9);
        summary.put("events", events);
        summary.put("timeline", timeline(samples));
        summary.put("workDir", work.toString());
        if (opts.containsKey("json")) {
            Path json = Path.of(opts.get("json"));
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), summary);
            out.println("Summary written to " + json.toAbsolutePath());
        }
        if (opts.containsKey("html")) {
            Path html = Path.of(opts.get("html"));
            HtmlReport.write(summary, html);
            out.println("Report written to " + html.toAbsolutePath());
        }
        return summary;
    }

    private void row(String name, Map<String, Object> p) {
        out.printf(Locale.ROOT, "  %-24s %8d %9d %7d %9.1f %9.1f%n", name, p.get("sent"), p.get("succeeded"),
                p.get("failed"), p.get("p50Ms"), p.get("p99Ms"));
    }

    private static Map<String, Object> stats(List<LoadGenerator.Sample> in) {
        long ok = in.stream().filter(LoadGenerator.Sample::ok).count();
        long[] lat = in.stream().mapToLong(LoadGenerator.Sample::latencyMicros).sorted().toArray();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sent", (long) in.size());
        m.put("succeeded", ok);
        m.put("failed", in.size() - ok);
        m.put("p50Ms", percentile(lat, 0.50));
        m.put("p99Ms", percentile(lat, 0.99));
        m.put("apiVersions", in.stream().map(LoadGenerator.Sample::api).collect(Collectors.toCollection(
                LinkedHashSet::new)));
        return m;
    }

    private static double percentile(long[] sortedMicros, double q) {
        if (sortedMicros.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sortedMicros.length) - 1;
        return Math.round(sortedMicros[Math.max(0, i)] / 100.0) / 10.0;
    }

    /** Per 500 ms: requests started, failed, p50 and p99; for charts. */
    private static List<Map<String, Object>> timeline(List<LoadGenerator.Sample> samples) {
        Map<Long, List<LoadGenerator.Sample>> buckets = samples.stream().collect(Collectors.groupingBy(
                s -> s.startMillis() / 500, java.util.TreeMap::new, Collectors.toList()));
        List<Map<String, Object>> rows = new ArrayList<>();
        buckets.forEach((k, list) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tMs", k * 500);
            m.putAll(stats(list));
            m.remove("apiVersions");
            m.put("phase", list.get(0).phase());
            rows.add(m);
        });
        return rows;
    }

    static Map<String, Object> phase(String name, long start, long t0, String kind) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("kind", kind);
        m.put("startMs", (start - t0) / 1_000_000);
        m.put("endMs", (System.nanoTime() - t0) / 1_000_000);
        return m;
    }

    static void event(List<Map<String, Object>> events, long t0, String what) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tMs", (System.nanoTime() - t0) / 1_000_000);
        m.put("event", what);
        events.add(m);
    }

    /** The API versions every release in {@code cluster} serves, and whether all accept quoteId on v1. */
    static void allow(LoadGenerator load, List<Release> cluster) {
        List<String> common = apis(cluster);
        boolean quoteOnV1 = cluster.stream().map(ReleaseFeatures::of)
                .allMatch(f -> f.quoteId("v1") != ReleaseFeatures.QuoteId.REJECTED);
        load.allow(common, quoteOnV1);
    }

    static List<String> apis(List<Release> cluster) {
        List<String> common = new ArrayList<>(cluster.get(0).apiVersions());
        cluster.forEach(r -> common.retainAll(r.apiVersions()));
        common.sort(Comparator.naturalOrder());
        return common;
    }

    static String clock(long t0) {
        return String.format(Locale.ROOT, "[%6.1fs]", (System.nanoTime() - t0) / 1e9);
    }

    static void sleep(double seconds) throws InterruptedException {
        Thread.sleep((long) (seconds * 1000));
    }

    /** The server's version, e.g. "17.2", from {@code SHOW server_version}. */
    private static String serverVersion(EmbeddedPostgres server) throws java.sql.SQLException {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1).split(" ")[0];
        }
    }
}
