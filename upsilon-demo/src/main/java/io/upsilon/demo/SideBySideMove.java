package io.upsilon.demo;

import io.upsilon.Backends;
import io.upsilon.demo.DemoSummary.Move;
import io.upsilon.migrate.CutoverHook;
import io.upsilon.migrate.CutoverReport;
import io.upsilon.migrate.MaintenanceCutover;
import io.upsilon.migrate.MigrationListener;
import io.upsilon.migrate.MigrationSpec;
import io.upsilon.migrate.Migrator;
import io.upsilon.migrate.RunReport;
import io.upsilon.migrate.Stores;
import io.upsilon.migrate.VerifyReport;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import io.upsilon.release.Release;
import io.upsilon.spi.BackendOptions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The side-by-side move of the demo: the service goes from the old PostgreSQL to a second one ("the new cluster")
 * while the load runs.
 *
 * <ol>
 *   <li>new-cluster nodes of the last release start on the empty second database and build the schema there
 *       themselves (the canary runs the whole manifest, the others wait);</li>
 *   <li>upsilon-migrate's continuous mode copies the {@code transfer} table (key {@code id}, watermark
 *       {@code updated_at}, indexed on {@code (updated_at, id)} since 1.0.0) in incremental runs until the lag is
 *       small;</li>
 *   <li>the cut-over, through a {@link MaintenanceCutover}: the NEW cluster's maintenance window opens (its gates
 *       hold work until the switch), then the OLD cluster's (every old node's gate now holds new requests) and the
 *       old work in flight drains; the migrator runs the final catch-up and verifies; the traffic switch points the
 *       {@link DemoRouter} at the new-cluster nodes; the old cluster is retired (its window stays open, reason
 *       {@code moved}, with the new location) and the new cluster's window closes.</li>
 * </ol>
 *
 * The old cluster's window never closes: the requests held at its gates are answered 503 with
 * {@code X-Upsilon-Moved} (the {@code GateHandler}) once it is retired, and the router sends them once more, to the
 * new cluster, where they succeed. As a check the old nodes are then drained and stopped, a last incremental run
 * looks for anything written on the old database after the final catch-up ("late rows", expected 0), and the move
 * checks that every transfer of the old database is in the new one.
 */
final class SideBySideMove {

    /**
     * Moves the service; returns what the summary's {@code move} says, without the requests (counted at the end).
     *
     * @param postgresOld the old cluster's server version, for the summary
     * @param postgresNew the new cluster's
     */
    static Move run(Release release, String oldUrl, String newUrl, String postgresOld, String postgresNew, int nodes,
                    java.nio.file.Path logs, DemoRouter router, List<NodeProcess> oldNodes,
                    List<DemoRouter.Backend> oldBackends, List<NodeProcess> everyNode, Consumer<String> say)
            throws Exception {
        // 1. the new cluster: nodes of the last release on an empty database build its schema themselves
        List<NodeProcess> fresh = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            NodeProcess p = NodeProcess.start("m" + i, release.version().toString(), newUrl, logs);
            fresh.add(p);
            everyNode.add(p);
        }
        for (NodeProcess p : fresh) {
            p.awaitListening(Duration.ofSeconds(60));
            if (!p.awaitReady(Duration.ofSeconds(90))) {
                throw new IllegalStateException(p + " did not become READY; see " + p.log());
            }
        }
        say.accept(nodes + " new-cluster nodes of release " + release.version() + " READY (schema built by them on"
                + " the empty database)");

        // 2. continuous migration of the transfer table, with the old cluster's maintenance window as cut-over
        MigrationSpec.Endpoint source = new MigrationSpec.Endpoint(oldUrl, null, null, null);
        MigrationSpec.Endpoint target = new MigrationSpec.Endpoint(newUrl, null, null, null);
        MigrationSpec spec = new MigrationSpec(source, target, Duration.ofSeconds(2), List.of(
                new MigrationSpec.EntitySpec("transfers", "transfer", null, "transfer", List.of("id"), "updated_at",
                        2_000, List.of())));
        io.upsilon.spi.Backend old = backend(oldUrl);
        io.upsilon.spi.Backend neu = backend(newUrl);
        List<DemoRouter.Backend> newBackends = new ArrayList<>();
        CutoverHook window = MaintenanceCutover.builder(old.maintenance(), old.nodes()).drain(Duration.ofSeconds(5))
                .newCluster(neu.maintenance()).newLocation(newUrl.split("\\?")[0]).trafficSwitch(() -> {
                    for (NodeProcess p : fresh) {
                        newBackends.add(router.add(p));
                    }
                    oldBackends.forEach(router::remove);
                }).build();
        long[] opened = new long[1];
        long[] closed = new long[1];
        CutoverHook hook = new CutoverHook() {
            @Override
            public void enterWindow() {
                opened[0] = System.nanoTime();
                say.accept("maintenance windows opened on the new cluster and the old one (requests wait at the"
                        + " nodes' gates)");
                window.enterWindow();
                say.accept("old cluster drained; final catch-up and verification");
            }

            @Override
            public void switchTraffic() {
                window.switchTraffic();
                say.accept("verified; router switched to the new cluster");
            }

            @Override
            public void retireOld() {
                window.retireOld();
                say.accept("old cluster retired: its window stays open (moved to " + newUrl.split("\\?")[0] + ")");
            }

            @Override
            public void openNew() {
                window.openNew();
                closed[0] = System.nanoTime();
                say.accept(String.format(java.util.Locale.ROOT, "new cluster open %d ms after the windows opened",
                        (closed[0] - opened[0]) / 1_000_000));
            }
        };
        try (SourceStore src = Stores.source(source, Map.of()); TargetStore dst = Stores.target(target, Map.of())) {
            Migrator migrator = Migrator.create(spec, src, dst, SideBySideMove.class.getClassLoader());
            CutoverReport report = migrator.continuous(300, 40, Duration.ofMillis(300), hook,
                    MigrationListener.none(), 10);
            long copied = report.catchUps().stream().mapToLong(SideBySideMove::rows).sum()
                    + (report.finalRun() == null ? 0 : rows(report.finalRun()));
            VerifyReport v = report.verify();
            long verified = v == null ? 0 : v.tables().stream().mapToLong(VerifyReport.Table::actual).sum();
            long mismatches = v == null ? -1 : v.tables().stream().mapToLong(VerifyReport.Table::mismatches).sum();
            if (!report.cutOver()) {
                say.accept("cut-over did NOT complete (" + (v == null ? "the lag never fell low enough"
                        : "verification found mismatches; the window stays open") + ")");
                return new Move(postgresOld, postgresNew, report.catchUps().size(), copied, verified, mismatches,
                        v != null && v.matches(), false, report.windowHeld().toMillis(), List.of(), 0, 0, 0, 0, 0,
                        null);
            }

            // 3. the requests held at the old gates were answered MOVED and re-sent: stop the old nodes, look for
            //    anything written on the old database after the final catch-up, and check nothing of it is missing
            for (int i = 0; i < oldNodes.size(); i++) {
                router.awaitIdle(oldBackends.get(i), Duration.ofSeconds(20));
                oldNodes.get(i).stop(Duration.ofSeconds(20));
            }
            RunReport late = migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none());
            long lateRows = late.entities().stream().mapToLong(RunReport.Entity::fresh).sum();
            Set<String> oldIds = ids(oldUrl);
            Set<String> newIds = ids(newUrl);
            long missing = oldIds.stream().filter(id -> !newIds.contains(id)).count();
            List<String> tasks = new ArrayList<>();
            backend(newUrl).store().history().forEach(r -> tasks.add(r.version() + " "
                    + r.task() + " " + r.status() + " " + r.nodeId()));
            say.accept("old nodes stopped; " + router.movedAndResent() + " requests held at their gates answered"
                    + " MOVED after the window and re-sent by the router to the new cluster; " + lateRows + " rows"
                    + " written on the old database after the final catch-up (copied now); " + missing
                    + " transfers of the old database missing in the new one");
            oldNodes.clear();
            oldNodes.addAll(fresh);
            oldBackends.clear();
            oldBackends.addAll(newBackends);
            return new Move(postgresOld, postgresNew, report.catchUps().size(), copied, verified, mismatches,
                    v != null && v.matches(), true, report.windowHeld().toMillis(), tasks, router.movedAndResent(),
                    lateRows, oldIds.size(), newIds.size(), missing, null);
        }
    }

    /** Rows a run copied that were new or changed since the previous run (without the overlap it re-read). */
    private static long rows(RunReport r) {
        return r.entities().stream().mapToLong(RunReport.Entity::fresh).sum();
    }

    /** Upsilon's tables in the database at {@code url}, found by the URL's scheme. */
    private static io.upsilon.spi.Backend backend(String url) {
        return Backends.forUrl(url).open(dataSource(url), BackendOptions.defaults());
    }

    static PGSimpleDataSource dataSource(String url) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        return ds;
    }

    private static Set<String> ids(String url) throws Exception {
        Set<String> ids = new HashSet<>();
        try (Connection c = dataSource(url).getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id::text FROM transfer")) {
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
        }
        return ids;
    }

    private SideBySideMove() {
    }
}
