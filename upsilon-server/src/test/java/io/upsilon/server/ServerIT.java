package io.upsilon.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.upsilon.BaseUpgradeTask;
import io.upsilon.MaintenanceGate;
import io.upsilon.Manifest;
import io.upsilon.NodeState;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The endpoint over real HTTP on a real PostgreSQL. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ServerIT {

    private static final String TOKEN = "s3cret-control-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final CountDownLatch inTask = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private PostgresBackend backend;
    private UpsilonNode node;
    private UpsilonServer server;

    /** A long upgrade task: holds until the test releases it. */
    final class LongTask extends BaseUpgradeTask {
        @Override
        public void execute(TaskContext context) throws Exception {
            inTask.countDown();
            release.await();
        }
    }

    private UpsilonConfig config;

    @BeforeEach
    void setUp() {
        TestDatabase db = PostgresFixture.newDatabase();
        backend = PostgresBackend.create(db.dataSource("upsilon:web-1"));
        Manifest manifest = Manifest.of("test", List.of(TaskDefinition.of(Version.parse("1.0"), "long",
                LongTask::new)));
        config = UpsilonConfig.builder().manifest(manifest).store(backend.store())
                .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, "web-1")).nodeId("web-1").build();
        node = UpsilonNode.builder(config).registry(backend.nodes()).feed(backend.feed())
                .heartbeat(Duration.ofMillis(200)).ttl(Duration.ofSeconds(5)).build();
        server = server(Upsilon.create(config), TOKEN);
    }

    private UpsilonServer server(Upsilon upsilon, String token) {
        return UpsilonServer.builder(upsilon, node).nodes(backend.nodes()).maintenance(backend.maintenance())
                .controlToken(token).port(0).build().start();
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        server.close();
        node.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(UpsilonServer target, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + target.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void livenessStaysUpDuringALongUpgradeWhileReadinessWaits() throws Exception {
        node.start();
        assertThat(inTask.await(30, TimeUnit.SECONDS)).isTrue();
        HttpResponse<String> up = get("/health/up");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(json(up).get("state").asText()).isEqualTo("UPGRADING");
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
        release.countDown();
        assertThat(node.awaitState(NodeState.READY, Duration.ofSeconds(30))).isTrue();
        HttpResponse<String> ready = get("/health/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(json(ready).get("dataVersion").asText()).isEqualTo("1.0");
    }

    @Test
    void aReadyNodeWhoseServiceIsStillWarmingUpIsNotReadyUntilTheServiceSaysSo() throws Exception {
        java.util.concurrent.atomic.AtomicBoolean warm = new java.util.concurrent.atomic.AtomicBoolean();
        UpsilonServer warming = UpsilonServer.builder(Upsilon.create(config), node).nodes(backend.nodes())
                .maintenance(backend.maintenance()).serviceReady(warm::get).port(0).build().start();
        try {
            node.start();
            release.countDown();
            assertThat(node.awaitState(NodeState.READY, Duration.ofSeconds(30))).isTrue();
            HttpResponse<String> cold = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + warming.port() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(cold.statusCode()).isEqualTo(503);
            assertThat(json(cold).get("state").asText()).isEqualTo("READY");
            assertThat(json(cold).get("reason").asText()).contains("warming up");
            warm.set(true);
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + warming.port() + "/health/ready")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(200);
        } finally {
            warming.close();
        }
    }

    @Test
    void aNodeNotYetStartedIsNeitherUpNorReady() throws Exception {
        assertThat(get("/health/up").statusCode()).isEqualTo(503);
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
    }

    @Test
    void statusShowsNodeLockNodesMaintenanceAndHistory() throws Exception {
        release.countDown();
        node.start();
        assertThat(node.awaitState(NodeState.READY, Duration.ofSeconds(30))).isTrue();
        JsonNode status = json(get("/status"));
        assertThat(status.at("/node/nodeId").asText()).isEqualTo("web-1");
        assertThat(status.at("/node/state").asText()).isEqualTo("READY");
        assertThat(status.at("/node/softwareVersion").asText()).isEqualTo("1.0");
        assertThat(status.at("/node/dataVersion").asText()).isEqualTo("1.0");
        assertThat(status.at("/lock/kind").asText()).isEqualTo("advisory");
        assertThat(status.at("/lock/fencingToken").asLong()).isEqualTo(1);
        assertThat(status.at("/nodes/0/nodeId").asText()).isEqualTo("web-1");
        assertThat(status.get("maintenance").isNull()).isTrue();
        assertThat(status.at("/history/0/task").asText()).isEqualTo("long");
        assertThat(status.at("/history/0/status").asText()).isEqualTo("SUCCEEDED");
    }

    @Test
    void controlEndpointsNeedTheToken() throws Exception {
        assertThat(get("/maintenance").statusCode()).isEqualTo(405);
        assertThat(get("/fence").statusCode()).isEqualTo(405);
        assertThat(post(server, "/maintenance", "{\"action\":\"enter\"}", null).statusCode()).isEqualTo(401);
        assertThat(post(server, "/maintenance", "{\"action\":\"enter\"}", "wrong").statusCode()).isEqualTo(403);
        assertThat(post(server, "/fence", "{\"below\":\"2.0\"}", null).statusCode()).isEqualTo(401);
        assertThat(post(server, "/fence", "{\"below\":\"2.0\"}", "wrong").statusCode()).isEqualTo(403);
        assertThat(backend.maintenance().current()).isEmpty();

        HttpResponse<String> enter = post(server, "/maintenance",
                "{\"action\":\"enter\",\"reason\":\"cut-over\",\"who\":\"ops\"}", TOKEN);
        assertThat(enter.statusCode()).isEqualTo(200);
        assertThat(json(enter).at("/window/reason").asText()).isEqualTo("cut-over");
        assertThat(json(get("/status")).at("/maintenance/who").asText()).isEqualTo("ops");
        assertThat(post(server, "/maintenance", "{\"action\":\"exit\"}", TOKEN).statusCode()).isEqualTo(200);
        assertThat(backend.maintenance().current()).isEmpty();

        assertThat(post(server, "/maintenance", "{\"action\":\"dance\"}", TOKEN).statusCode()).isEqualTo(400);
        assertThat(post(server, "/maintenance", "not json", TOKEN).statusCode()).isEqualTo(400);
        assertThat(post(server, "/fence", "{\"below\":\"not-a-version\"}", TOKEN).statusCode()).isEqualTo(400);
        assertThat(post(server, "/fence", "{}", TOKEN).statusCode()).isEqualTo(400);
    }

    @Test
    void fenceMarksOlderNodes() throws Exception {
        release.countDown();
        node.start();
        assertThat(node.awaitState(NodeState.READY, Duration.ofSeconds(30))).isTrue();
        HttpResponse<String> refused = post(server, "/fence", "{\"below\":\"2.0\"}", TOKEN);
        assertThat(refused.statusCode()).as("web-1 is the only live node").isEqualTo(400);
        assertThat(refused.body()).contains("would fence every live node (web-1)", "force: true");
        HttpResponse<String> dry = post(server, "/fence", "{\"below\":\"2.0\",\"dryRun\":true,\"force\":true}", TOKEN);
        assertThat(json(dry).get("fenced").get(0).asText()).isEqualTo("web-1");
        assertThat(backend.nodes().fenceFloor()).as("a dry run changes nothing").isEmpty();
        HttpResponse<String> fenced = post(server, "/fence", "{\"below\":\"2.0\",\"terminateSessions\":false,"
                + "\"force\":true}", TOKEN);
        assertThat(fenced.statusCode()).isEqualTo(200);
        assertThat(json(fenced).get("fenced").get(0).asText()).isEqualTo("web-1");
        assertThat(node.awaitState(NodeState.FENCED, Duration.ofSeconds(10))).isTrue();
        assertThat(get("/health/ready").statusCode()).isEqualTo(503);
        assertThat(get("/health/up").statusCode()).isEqualTo(200);
        HttpResponse<String> cleared = post(server, "/fence", "{\"clear\":true}", TOKEN);
        assertThat(json(cleared).get("cleared").asBoolean()).isTrue();
        assertThat(backend.nodes().fenceFloor()).isEmpty();
    }

    @Test
    void withoutATokenTheControlEndpointsAreDisabled() throws Exception {
        try (UpsilonServer open = server(Upsilon.create(UpsilonConfig.builder()
                .manifest(Manifest.of("empty", List.of())).softwareVersion(Version.parse("1.0"))
                .store(backend.store()).lock(backend.lock(PostgresBackend.LockKind.ADVISORY, "x")).build()), null)) {
            assertThat(post(open, "/maintenance", "{\"action\":\"enter\"}", TOKEN).statusCode()).isEqualTo(404);
            assertThat(post(open, "/fence", "{\"below\":\"2.0\"}", TOKEN).statusCode()).isEqualTo(404);
        }
        assertThat(backend.maintenance().current()).isEmpty();
    }

    @Test
    void theGateHandlerAnswers503WithRetryAfterWhileTheWindowStaysOpen() throws Exception {
        release.countDown();
        node.start();
        assertThat(node.awaitState(NodeState.READY, Duration.ofSeconds(30))).isTrue();
        try (MaintenanceGate gate = MaintenanceGate.create(backend.maintenance(), backend.feed(),
                Duration.ofMillis(300), Duration.ofSeconds(10)).start()) {
            Javalin app = Javalin.create(c -> c.showJavalinBanner = false)
                    .before("/transfers", GateHandler.of(gate, node))
                    .post("/transfers", ctx -> ctx.status(201).result("created")).start("127.0.0.1", 0);
            try {
                URI uri = URI.create("http://127.0.0.1:" + app.port() + "/transfers");
                HttpRequest request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()).build();
                assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
                backend.maintenance().enter("migration", "test");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                while (gate.window().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                HttpResponse<String> refused = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(refused.body()).contains("MAINTENANCE");
                backend.maintenance().exit();
                while (gate.window().isPresent() && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertThat(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(201);
            } finally {
                app.stop();
            }
        }
    }
}
