package io.upsilon.server;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seed 004's "answer port traffic, even if they have to wait some seconds for the new schema": application requests
 * that reach a WAITING node through {@link GateHandler} are held and served once it is READY, while its readiness
 * probe keeps saying not ready; past the node's bound they get 503 with {@code Retry-After}.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WaitingNodeIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final CountDownLatch inTask = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final List<AutoCloseable> opened = new ArrayList<>();
    private TestDatabase db;
    private Manifest manifest;

    final class LongTask extends BaseUpgradeTask {
        @Override
        public void execute(TaskContext context) throws Exception {
            inTask.countDown();
            release.await();
        }
    }

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        manifest = Manifest.of("test", List.of(TaskDefinition.of(Version.parse("1.0"), "long", LongTask::new)));
    }

    @AfterEach
    void tearDown() throws Exception {
        release.countDown();
        for (int i = opened.size() - 1; i >= 0; i--) {
            opened.get(i).close();
        }
    }

    /** A node with its probes server and its application (one route behind the gate handler); returns the app. */
    private Node node(String id, Duration hold) {
        PostgresBackend backend = PostgresBackend.create(db.dataSource("upsilon:" + id));
        UpsilonConfig config = UpsilonConfig.builder().manifest(manifest).store(backend.store())
                .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, id)).nodeId(id).build();
        UpsilonNode node = UpsilonNode.builder(config).registry(backend.nodes()).feed(backend.feed())
                .heartbeat(Duration.ofMillis(200)).ttl(Duration.ofSeconds(5)).holdWhileWaiting(hold).build();
        opened.add(node);
        MaintenanceGate gate = MaintenanceGate.create(backend.maintenance(), backend.feed(), Duration.ofSeconds(5),
                Duration.ofSeconds(2)).start();
        opened.add(gate);
        UpsilonServer probes = UpsilonServer.builder(Upsilon.create(config), node).nodes(backend.nodes())
                .maintenance(backend.maintenance()).port(0).build().start();
        opened.add(probes);
        Javalin app = Javalin.create(c -> c.showJavalinBanner = false)
                .before("/transfers", GateHandler.of(gate, node))
                .post("/transfers", ctx -> ctx.status(201).result("created by " + id)).start("127.0.0.1", 0);
        opened.add(app::stop);
        node.start();
        return new Node(node, app.port(), probes.port());
    }

    private record Node(UpsilonNode node, int appPort, int probePort) {
        HttpResponse<String> post() throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + appPort + "/transfers"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        }

        int ready() throws Exception {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + probePort + "/health/ready"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }

    @Test
    void requestsToAWaitingNodeSucceedOnceTheUpgradeCompletes() throws Exception {
        Node upgrading = node("a", Duration.ofSeconds(30));
        assertThat(inTask.await(30, TimeUnit.SECONDS)).isTrue();
        Node waiting = node("b", Duration.ofSeconds(30));
        assertThat(waiting.node().awaitState(NodeState.WAITING, WAIT)).isTrue();

        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            held.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return waiting.post();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        Thread.sleep(300);
        assertThat(held).as("held, not refused").noneMatch(CompletableFuture::isDone);
        assertThat(waiting.ready()).as("the readiness probe tells the truth while it waits").isEqualTo(503);

        release.countDown();
        for (CompletableFuture<HttpResponse<String>> f : held) {
            HttpResponse<String> response = f.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.body()).isEqualTo("created by b");
        }
        assertThat(waiting.ready()).isEqualTo(200);
        assertThat(upgrading.node().awaitState(NodeState.READY, WAIT)).isTrue();
    }

    @Test
    void beyondTheBoundAWaitingNodeAnswers503WithRetryAfter() throws Exception {
        node("a", Duration.ofSeconds(30));
        assertThat(inTask.await(30, TimeUnit.SECONDS)).isTrue();
        Node impatient = node("b", Duration.ofMillis(300));
        assertThat(impatient.node().awaitState(NodeState.WAITING, WAIT)).isTrue();

        HttpResponse<String> refused = impatient.post();
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("NOT_READY");

        release.countDown();
        assertThat(impatient.node().awaitState(NodeState.READY, WAIT)).isTrue();
        assertThat(impatient.post().statusCode()).isEqualTo(201);
    }
}
