package io.upsilon.cli;

import static io.upsilon.cli.MigrateIT.migrate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.upsilon.ErrorCode;
import io.upsilon.MaintenanceGate;
import io.upsilon.Manifest;
import io.upsilon.NodeState;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.server.GateHandler;
import io.upsilon.spi.MaintenanceWindow;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cut-over's order with a real old-cluster node behind its gate taking writes the whole time: after
 * {@code migrate continuous} the traffic is switched, the old cluster stays retired (its window open, reason
 * {@code moved}), its node refuses writes naming the new location, and only {@code maintenance exit --yes} reopens
 * it. A failing switch command leaves the traffic on the old cluster.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CutoverIT {

    private static final String NEW_LOCATION = "https://transfers-b.example/api";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @Test
    void theOldClusterStaysRetiredAndItsNodeRefusesWritesNamingTheNewLocation() throws Exception {
        MigrationDatabases db = new MigrationDatabases(2_000);
        String spec = db.spec(dir, 500).toString();
        PostgresBackend old = PostgresBackend.create(db.old.dataSource());
        PostgresBackend neu = PostgresBackend.create(db.neu.dataSource());
        Path switched = dir.resolve("switched.txt");
        try (OldNode node = OldNode.start(old, db)) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicLong created = new AtomicLong();
            AtomicReference<HttpResponse<String>> refused = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                long id = 1_000_000;
                while (!stop.get()) {
                    HttpResponse<String> r = node.post(id);
                    if (r.statusCode() == 201) {
                        created.incrementAndGet();
                        id++;
                    } else if (r.statusCode() == 503) {
                        refused.compareAndSet(null, r); // held by the window, then answered MOVED
                    }
                    try {
                        Thread.sleep(5); // a steady load the catch-up runs can overtake
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "old-cluster-client");
            writer.start();
            try {
                Cli.Run run = migrate("continuous", "--spec", spec, "--pause", "0.2", "--max-lag-rows", "500",
                        "--new-location", NEW_LOCATION, "--switch-command",
                        "echo switching; printf '%s %s' \"$UPSILON_OLD_URL\" \"$UPSILON_NEW_URL\" > '" + switched
                                + "'", "--json");

                assertThat(run.exitCode()).as(run.toString()).isZero();
                JsonNode json = run.json();
                assertThat(json.get("cutOver").asBoolean()).isTrue();
                assertThat(json.get("switched").asBoolean()).isTrue();
                assertThat(json.get("trafficOn").asText()).isEqualTo("new");
                assertThat(json.get("oldClusterRetired").asBoolean()).isTrue();
                assertThat(json.get("windowOpen").asBoolean()).as("the old cluster's window stays open").isTrue();
                assertThat(run.err()).contains("switch: switching");
                assertThat(Files.readString(switched)).isEqualTo(db.old.jdbcUrl().split("\\?")[0] + " "
                        + db.neu.jdbcUrl().split("\\?")[0]);
            } finally {
                stop.set(true);
                writer.join(20_000);
            }
            assertThat(created.get()).as("writes the old node took before the window").isPositive();

            MaintenanceWindow window = old.maintenance().current().orElseThrow();
            assertThat(window.moved()).isTrue();
            assertThat(window.location()).isEqualTo(NEW_LOCATION);
            assertThat(neu.maintenance().current()).as("the new cluster is open").isEmpty();
            HttpResponse<String> write = node.post(9_999_999);
            assertThat(write.statusCode()).isEqualTo(503);
            assertThat(write.headers().firstValue(GateHandler.MOVED_HEADER)).hasValue(NEW_LOCATION);
            assertThat(write.body()).contains("MOVED", NEW_LOCATION);
            assertThat(refused.get()).as("a write the window held was answered MOVED, not taken").isNotNull();
            assertThat(refused.get().body()).contains("MOVED", NEW_LOCATION);
            assertThatThrownBy(node.node::checkWritable).isInstanceOfSatisfying(UpsilonException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.MOVED));
            // every write the old node took is in the new cluster, and none after the window
            assertThat(db.neu.queryOne("SELECT count(*) FROM transfers"))
                    .isEqualTo(db.old.queryOne("SELECT count(*) FROM transfers"));
            assertThat(db.old.queryOne("SELECT count(*) FROM transfers WHERE id >= 1000000"))
                    .isEqualTo(created.get());

            Cli.Run exit = Cli.run("maintenance", "exit", "--url", db.old.jdbcUrl());
            assertThat(exit.exitCode()).as(exit.toString()).isEqualTo(2);
            assertThat(exit.err()).contains("moved", NEW_LOCATION, "upsilon maintenance exit --yes");
            assertThat(old.maintenance().current()).isPresent();
            Cli.Run status = Cli.run("maintenance", "status", "--url", db.old.jdbcUrl());
            assertThat(status.out()).contains("moved to " + NEW_LOCATION, "retired");
            Cli.Run again = migrate("continuous", "--spec", spec, "--pause", "0");
            assertThat(again.exitCode()).as(again.toString()).isEqualTo(2);
            assertThat(again.err()).contains("retired by an earlier cut-over", "--yes");

            Cli.Run forced = Cli.run("maintenance", "exit", "--yes", "--url", db.old.jdbcUrl());
            assertThat(forced.exitCode()).as(forced.toString()).isZero();
            assertThat(old.maintenance().current()).isEmpty();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (node.gate.window().isPresent() && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(node.post(9_999_999).statusCode()).as("reopened by --yes").isEqualTo(201);
        }
    }

    @Test
    void aFailedSwitchLeavesTrafficOnTheOldClusterAndRunningAgainFinishes() throws Exception {
        MigrationDatabases db = new MigrationDatabases(500);
        String spec = db.spec(dir, 500).toString();
        PostgresBackend old = PostgresBackend.create(db.old.dataSource());
        PostgresBackend neu = PostgresBackend.create(db.neu.dataSource());

        Cli.Run failed = migrate("continuous", "--spec", spec, "--pause", "0", "--switch-command",
                "echo 'load balancer said no' >&2; exit 3", "--json");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        JsonNode json = failed.json();
        assertThat(json.get("cutOver").asBoolean()).isFalse();
        assertThat(json.at("/verify/matches").asBoolean()).isTrue();
        assertThat(json.get("switched").asBoolean()).isFalse();
        assertThat(json.get("trafficOn").asText()).isEqualTo("old");
        assertThat(json.get("switchError").asText()).contains("exited with 3", "load balancer said no");
        assertThat(json.at("/error/code").asText()).isEqualTo("SWITCH_FAILED");
        assertThat(json.at("/error/message").asText()).contains("traffic stays on the old cluster");
        assertThat(failed.err()).contains("traffic stays on the old cluster", "stays open",
                "upsilon maintenance exit --url " + db.old.jdbcUrl());
        assertThat(old.maintenance().current()).hasValueSatisfying(w -> {
            assertThat(w.moved()).as("not retired").isFalse();
            assertThat(w.reason()).isEqualTo(io.upsilon.migrate.CutoverHook.REASON);
        });
        assertThat(neu.maintenance().current()).as("the new cluster still holds its gates").isPresent();

        Cli.Run again = migrate("continuous", "--spec", spec, "--pause", "0", "--switch-command", "true");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("still open", "Cut over", "The old cluster stays retired");
        assertThat(old.maintenance().current()).hasValueSatisfying(w -> assertThat(w.moved()).isTrue());
        assertThat(neu.maintenance().current()).isEmpty();
    }

    @Test
    void badSwitchOptionsAreRefused() {
        Cli.Run blank = migrate("continuous", "--spec", "x.yaml", "--switch-command", " ");
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.err()).contains("--switch-command is blank");
        Cli.Run manual = migrate("continuous", "--spec", "x.yaml", "--cutover", "manual", "--new-location", "x");
        assertThat(manual.exitCode()).isEqualTo(2);
        assertThat(manual.err()).contains("--new-location needs", "--cutover maintenance");
    }

    /** A node of the old cluster: its gate (holding up to 10 s) and write guard in front of an insert. */
    private static final class OldNode implements AutoCloseable {
        final UpsilonNode node;
        final MaintenanceGate gate;
        final Javalin app;

        private OldNode(UpsilonNode node, MaintenanceGate gate, Javalin app) {
            this.node = node;
            this.gate = gate;
            this.app = app;
        }

        static OldNode start(PostgresBackend backend, MigrationDatabases db) throws Exception {
            UpsilonConfig config = UpsilonConfig.builder().manifest(Manifest.of("empty", List.of()))
                    .softwareVersion(Version.parse("1.0")).store(backend.store())
                    .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, "old-1")).nodeId("old-1").build();
            MaintenanceGate gate = MaintenanceGate.create(backend.maintenance(), backend.feed(),
                    Duration.ofSeconds(10), Duration.ofMillis(200)).start();
            UpsilonNode node = UpsilonNode.builder(config).registry(backend.nodes()).feed(backend.feed()).gate(gate)
                    .heartbeat(Duration.ofMillis(100)).ttl(Duration.ofSeconds(5)).build().start();
            assertThat(node.awaitState(NodeState.READY, Duration.ofSeconds(30))).isTrue();
            Javalin app = Javalin.create(c -> c.showJavalinBanner = false)
                    .before("/transfers/*", GateHandler.of(gate, node))
                    .post("/transfers/{id}", ctx -> {
                        try (UpsilonNode.Work work = node.beginWork();
                             Connection c = db.old.dataSource().getConnection();
                             PreparedStatement ps = c.prepareStatement("INSERT INTO transfers VALUES (?, 5, 1, 'q3',"
                                     + " 'A', NULL, clock_timestamp())")) {
                            ps.setLong(1, Long.parseLong(ctx.pathParam("id")));
                            ps.executeUpdate();
                        }
                        ctx.status(201);
                    })
                    .exception(UpsilonException.class, (e, ctx) -> ctx.status(e.code().httpStatus())
                            .result(e.code() + ": " + e.getMessage()))
                    .start("127.0.0.1", 0);
            return new OldNode(node, gate, app);
        }

        HttpResponse<String> post(long id) {
            try {
                return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/transfers/"
                        + id)).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            app.stop();
            gate.close();
            node.close();
        }
    }
}
