package io.upsilon.demo;

import io.upsilon.Version;
import io.upsilon.demo.DemoSummary.Event;
import io.upsilon.demo.DemoSummary.Move;
import io.upsilon.demo.DemoSummary.Rollback;
import io.upsilon.examples.transfers.ReleaseFeatures;
import io.upsilon.examples.transfers.TransferNode;
import io.upsilon.Backends;
import io.upsilon.spi.BackendOptions;
import io.upsilon.release.ChainStep;
import io.upsilon.release.PlannedChain;
import io.upsilon.release.Release;
import io.upsilon.release.ReleasePlanner;
import io.upsilon.release.ReleaseSet;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.VersionStore;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The demo of issue #7: a live transfers service ({@code examples/transfers}) rolled through the releases of
 * {@code examples/releases.yaml} (1.0.0 → 1.0.1 → 1.0.2 → 2.0.0 → 2.0.1) under steady load, one node at a time,
 * with 0 failed requests. Run it with {@code upsilon demo} ({@link DemoCommand}, which documents the options).
 *
 * <p>It starts an embedded PostgreSQL in a temporary directory, {@code nodes} node processes of the first release
 * ({@link TransferNode}, one JVM each), the {@link DemoRouter} in front of them and the {@link LoadGenerator}
 * ({@code rate} requests/s). It plans the chain with {@link ReleasePlanner}; for each step it replaces the nodes
 * one at a time: start the new node, wait until it is READY, take the old one out of the router, wait for its
 * requests in flight, stop it (SIGTERM). Between steps, and before and after, the load runs {@code duration}
 * seconds on the steady cluster; {@code warmup} seconds of load come first, in a phase of their own, so that
 * the first steady phase measures warmed-up nodes (the rolling benchmark compares it with the roll). {@code naive}
 * does what a rollout without readiness and draining does: the router sends requests to nodes that are not ready,
 * and old nodes are killed with requests in flight.
 *
 * <p>{@code rollback} then rolls the service back to {@code from} under the same load ({@link RollbackLeg}) instead
 * of the side-by-side move ({@link SideBySideMove}).
 */
public final class Demo {

    /**
     * What to run.
     *
     * @param from     the first release, null for the first of the release file
     * @param to       the last release, null for the last of the release file
     * @param releases the release file, null for the packaged {@code examples/releases.yaml}
     * @param workDir  where the databases and node logs go, null for a new temporary directory
     * @param report   the HTML report to write, null for none
     */
    public record Settings(boolean naive, boolean rollback, boolean move, int nodes, int rate, double duration,
                           double warmup, Version from, Version to, Path releases, Path workDir, Path report) {
    }

    private final Settings settings;
    private final PrintStream out;
    private final boolean naive;
    private final boolean rollback;
    private final int nodes;
    private final int rate;
    private final double duration;
    private final double warmup;

    private Demo(Settings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.naive = settings.naive();
        this.rollback = settings.rollback();
        this.nodes = settings.nodes();
        this.rate = settings.rate();
        this.duration = settings.duration();
        this.warmup = settings.warmup();
    }

    /** Runs the demo, prints its progress and report to {@code out} and returns the summary. */
    public static DemoSummary run(Settings settings, PrintStream out) throws Exception {
        return new Demo(settings, out).run();
    }

    private DemoSummary run() throws Exception {
        ReleaseSet releases = TransferNode.releases(settings.releases());
        List<Release> all = releases.releases();
        Version from = settings.from() != null ? settings.from() : all.get(0).version();
        Version to = settings.to() != null ? settings.to() : all.get(all.size() - 1).version();
        PlannedChain chain = new ReleasePlanner(releases).plan(from, to);
        out.printf("Upsilon demo: %d nodes, %d requests/s, %s; releases %s -> %s in %d steps (%s)%n", nodes, rate,
                naive ? "NAIVE rollout (no readiness gating, no draining)" : "rolling upgrade with readiness and"
                + " draining", from, to, chain.steps().size(), releases.source());
        for (ChainStep s : chain.steps()) {
            out.printf("  step %d: %s -> %s  API %s -> %s, data %s -> %s%n", s.number(), s.from().version(),
                    s.to().version(), s.from().apiVersions(), s.to().apiVersions(), s.from().dataVersion(),
                    s.to().dataVersion());
        }

        Path work = settings.workDir() != null ? Files.createDirectories(settings.workDir())
                : Files.createTempDirectory("upsilon-demo");
        Path logs = Files.createDirectories(work.resolve("logs"));
        long t0 = System.nanoTime();
        List<PhaseTime> phases = new ArrayList<>();
        List<Event> events = new ArrayList<>();
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
                        long cpu = fresh.cpuMillis();
                        DemoRouter.Backend nb = router.add(fresh);
                        router.remove(oldBackend);
                        boolean drained = router.awaitIdle(oldBackend, Duration.ofSeconds(15));
                        old.stop(Duration.ofSeconds(20));
                        backends.set(i, nb);
                        out.printf("%s    %s READY after %d ms (%s); %s drained%s and stopped%n", clock(t0),
                                fresh, (ready - s0) / 1_000_000, cpu < 0 ? "CPU time unknown" : cpu + " ms CPU", old,
                                drained ? "" : " (TIMED OUT)");
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
            Rollback back = null;
            if (rollback && !naive) {
                back = new RollbackLeg(releases, url, logs, router, load, t0, out).run(chain.from().version(), slots,
                        backends, everyNode, phases, events, duration);
            }
            Move move = null;
            if (!naive && !rollback && settings.move()) {
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
                move = SideBySideMove.run(chain.to(), url, newUrl, oldServer, newServer, nodes, logs, router, slots,
                        backends, everyNode, what -> {
                            out.printf("%s    %s%n", clock(t0), what);
                            event(events, t0, what);
                        });
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
            DemoSummary summary = new DemoReport(out).summarize(settings, chain, load.samples(), phases, events,
                    history, dataVersion, rows, nullQuotes, move, back, (end - t0) / 1e9, work);
            if (settings.report() != null) {
                HtmlReport.write(summary, settings.report());
                out.println("Report written to " + settings.report().toAbsolutePath());
            }
            return summary;
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

    /** When a phase ran; its requests are counted from the samples at the end. */
    record PhaseTime(String name, String kind, long startMs, long endMs) {
    }

    static PhaseTime phase(String name, long start, long t0, String kind) {
        return new PhaseTime(name, kind, (start - t0) / 1_000_000, (System.nanoTime() - t0) / 1_000_000);
    }

    static void event(List<Event> events, long t0, String what) {
        events.add(new Event((System.nanoTime() - t0) / 1_000_000, what));
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
