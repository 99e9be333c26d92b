package io.upsilon.demo;

import io.upsilon.Backends;
import io.upsilon.Manifest;
import io.upsilon.UpgradeResult;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.Version;
import io.upsilon.demo.Demo.PhaseTime;
import io.upsilon.demo.DemoSummary.Event;
import io.upsilon.demo.DemoSummary.Rollback;
import io.upsilon.demo.DemoSummary.Step;
import io.upsilon.release.ChainStep;
import io.upsilon.release.PlannedChain;
import io.upsilon.release.Release;
import io.upsilon.release.ReleasePlanner;
import io.upsilon.release.ReleaseRollback;
import io.upsilon.release.ReleaseSet;
import io.upsilon.spi.BackendOptions;
import io.upsilon.spi.ReleaseRecord;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The demo's rollback leg ({@code --rollback}, seed 002's "helm rollback"): after the forward roll, the live service
 * goes back to the first release under the same load, along the chain {@link ReleaseRollback} plans from the
 * store's release history. Per step it replaces the nodes one at a time as the forward roll does (start, READY,
 * drain, stop), then rolls the data back under the cluster lock (the tasks' rollbacks, newest first) and records the
 * release, then runs a steady phase.
 */
final class RollbackLeg {

    private final ReleaseSet releases;
    private final String url;
    private final Path logs;
    private final DemoRouter router;
    private final LoadGenerator load;
    private final long t0;
    private final PrintStream out;

    RollbackLeg(ReleaseSet releases, String url, Path logs, DemoRouter router, LoadGenerator load, long t0,
                PrintStream out) {
        this.releases = releases;
        this.url = url;
        this.logs = logs;
        this.router = router;
        this.load = load;
        this.t0 = t0;
        this.out = out;
    }

    /**
     * Rolls back to {@code target}; adds its phases ({@code kind} "rollback" and "steady") and events, replaces the
     * nodes in {@code slots}/{@code backends} and returns the summary of the leg.
     */
    Rollback run(Version target, List<NodeProcess> slots, List<DemoRouter.Backend> backends,
                 List<NodeProcess> everyNode, List<PhaseTime> phases, List<Event> events, double duration)
            throws Exception {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        ds.setApplicationName("upsilon:demo-rollback");
        io.upsilon.spi.Backend backend = Backends.forUrl(url).open(ds, BackendOptions.defaults());
        Manifest manifest = Manifest.loadResource("io/upsilon/examples/transfers/upsilon.tasks",
                RollbackLeg.class.getClassLoader());
        Upsilon upsilon = Upsilon.create(UpsilonConfig.builder().manifest(manifest).store(backend.store())
                .lock(backend.lock("demo-rollback")).nodeId("demo-rollback")
                .build());
        ReleaseRollback rollback = new ReleaseRollback(new ReleasePlanner(releases), upsilon);
        List<String> recorded = backend.store().releases().stream().map(r -> r.softwareVersion().toString()).toList();
        PlannedChain chain = rollback.plan(target);
        out.printf("%s  rollback %s -> %s in %d steps (release history: %s)%n", Demo.clock(t0),
                chain.from().version(), chain.to().version(), chain.steps().size(), String.join(", ", recorded));
        for (ChainStep s : chain.steps()) {
            out.printf("  rollback step %d: %s%n", s.number(), ReleaseRollback.order(s));
        }
        List<Step> steps = new ArrayList<>();
        long[] phaseStart = new long[1];
        rollback.run(chain, step -> {
            Release a = step.from();
            Release b = step.to();
            String phase = phaseName(step);
            Demo.allow(load, List.of(a, b));
            load.phase(phase);
            phaseStart[0] = System.nanoTime();
            out.printf("%s  %s (API %s, data %s -> %s)%n", Demo.clock(t0), phase, Demo.apis(List.of(a, b)),
                    a.dataVersion(), b.dataVersion());
            replaceNodes(b, slots, backends, everyNode, events);
        }, done -> {
            ChainStep step = done.step();
            int undone = done.data().map(d -> d.tasks().size()).orElse(0);
            String data = done.data().map(UpgradeResult::outcome).map(Enum::name).orElse("no data change");
            out.printf("%s    data %s -> %s: %s, %d tasks rolled back; release %s recorded%n", Demo.clock(t0),
                    step.dataBefore(), step.dataAfter(), data, undone, step.to().version());
            Demo.event(events, t0, "rollback step " + step.number() + ": data " + step.dataAfter() + ", "
                    + undone + " tasks rolled back");
            phases.add(Demo.phase(phaseName(step), phaseStart[0], t0, "rollback"));
            steps.add(DemoReport.step(step));
            String steady = "steady " + step.to().version() + " (back)";
            Demo.allow(load, List.of(step.to()));
            load.phase(steady);
            long s0 = System.nanoTime();
            try {
                Demo.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            phases.add(Demo.phase(steady, s0, t0, "steady"));
        });
        // the requests of the leg are counted at the end, from the load's samples
        return new Rollback(chain.from().version().toString(), chain.to().version().toString(), steps,
                backend.store().releases().stream().map(ReleaseRecord::softwareVersion).map(Version::toString)
                        .toList(), upsilon.dataVersion().map(Version::toString).orElse("none"), null);
    }

    static String phaseName(ChainStep step) {
        return "rollback " + step.number() + ": " + step.from().version() + " -> " + step.to().version();
    }

    /** Replaces every node by one of {@code release}, one at a time, as the forward roll does. */
    private void replaceNodes(Release release, List<NodeProcess> slots, List<DemoRouter.Backend> backends,
                              List<NodeProcess> everyNode, List<Event> events)
            throws InterruptedException {
        for (int i = 0; i < slots.size(); i++) {
            NodeProcess old = slots.get(i);
            NodeProcess fresh = NodeProcess.start("n" + (i + 1), release.version().toString(), url, logs);
            everyNode.add(fresh);
            long s0 = System.nanoTime();
            try {
                fresh.awaitListening(Duration.ofSeconds(60));
            } catch (Exception e) {
                throw new IllegalStateException(fresh + " did not start listening; see " + fresh.log(), e);
            }
            if (!fresh.awaitReady(Duration.ofSeconds(90))) {
                throw new IllegalStateException(fresh + " did not become READY; see " + fresh.log());
            }
            long ready = System.nanoTime();
            DemoRouter.Backend nb = router.add(fresh);
            router.remove(backends.get(i));
            boolean drained = router.awaitIdle(backends.get(i), Duration.ofSeconds(15));
            old.stop(Duration.ofSeconds(20));
            backends.set(i, nb);
            slots.set(i, fresh);
            out.printf("%s    %s READY after %d ms; %s drained%s and stopped%n", Demo.clock(t0), fresh,
                    (ready - s0) / 1_000_000, old, drained ? "" : " (TIMED OUT)");
            Demo.event(events, t0, fresh + " in, " + old + " out");
        }
    }

    /** The HTML section of the leg: the chain back, each step with the tasks it rolled back. */
    static String html(Rollback leg) {
        StringBuilder h = new StringBuilder("<h2>Rollback ").append(HtmlReport.esc(leg.from()))
                .append(" &rarr; ").append(HtmlReport.esc(leg.to())).append("</h2><table><tr>")
                .append("<th class=\"l\">step</th><th class=\"l\">API</th><th class=\"l\">data</th>")
                .append("<th class=\"l\">tasks rolled back (newest first)</th></tr>");
        for (Step s : leg.chain()) {
            h.append("<tr><td class=\"l\">").append(HtmlReport.esc(s.from() + " → " + s.to()))
                    .append("</td><td class=\"l\">").append(HtmlReport.esc(s.apiBefore() + " → " + s.apiAfter()))
                    .append("</td><td class=\"l\">").append(HtmlReport.esc(s.dataBefore() + " → " + s.dataAfter()))
                    .append("</td><td class=\"l\">").append(HtmlReport.esc(s.tasksRolledBack()))
                    .append("</td></tr>");
        }
        return h.append("</table><p>Release history afterwards: ")
                .append(HtmlReport.esc(String.join(", ", leg.releaseHistory())))
                .append("; data version ").append(HtmlReport.esc(leg.dataVersion())).append(".</p>").toString();
    }
}
