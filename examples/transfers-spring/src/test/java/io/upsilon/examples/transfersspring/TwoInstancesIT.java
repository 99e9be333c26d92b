package io.upsilon.examples.transfersspring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsilon.NodeState;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.spi.NodeRecord;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Instances of transfers-spring, each an application context of its own on a real port, on one embedded
 * PostgreSQL. The first instance of 1.0.1 upgrades the data while a long reading transaction holds its DDL back;
 * the second instance of 1.0.1 starts meanwhile, WAITs (readiness 503) and turns ready (200) when the data arrives;
 * the old 1.0.0 instance, whose window holds only data 1.0.0, fences itself (readiness 503, liveness 200).
 */
class TwoInstancesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        instances.forEach(ConfigurableApplicationContext::close);
    }

    private ConfigurableApplicationContext start(TestDatabase db, String nodeId, String version) {
        // command-line arguments, as a deployment would pass them: they win over application.properties
        ConfigurableApplicationContext context = new SpringApplicationBuilder(TransfersApplication.class).run(
                "--server.port=0", "--spring.datasource.url=jdbc:postgresql://localhost:" + db.port() + "/"
                + db.name(), "--spring.datasource.username=postgres", "--upsilon.node-id=" + nodeId,
                "--upsilon.software-version=" + version, "--upsilon.poll-interval=200ms",
                // the upgrade's DDL waits behind the test's reading transaction instead of giving up after 5 s
                "--upsilon.postgres.lock-timeout=60s");
        synchronized (instances) {
            instances.add(context);
        }
        return context;
    }

    private static String url(ConfigurableApplicationContext context, String path) {
        return "http://localhost:" + ((WebServerApplicationContext) context).getWebServer().getPort() + path;
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> awaitGet(String url, Predicate<HttpResponse<String>> until)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        HttpResponse<String> last = get(url);
        while (!until.test(last) && System.nanoTime() < deadline) {
            Thread.sleep(50);
            last = get(url);
        }
        return last;
    }

    private static String status(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body()).path("status").asText();
    }

    private static NodeState nodeState(PostgresBackend backend, String nodeId) {
        return backend.nodes().nodes().stream().filter(n -> n.nodeId().equals(nodeId)).map(NodeRecord::state)
                .findFirst().orElse(NodeState.STARTING);
    }

    @Test
    void theSecondInstanceWaitsForTheUpgradeAndTheOldOneIsFenced() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        PostgresBackend backend = PostgresBackend.create(db.dataSource());

        ConfigurableApplicationContext old = start(db, "old-1.0.0", "1.0.0");
        assertThat(get(url(old, "/actuator/health/readiness")).statusCode()).isEqualTo(200);
        assertThat(post(url(old, "/transfers"), "{\"payerFsp\":\"a\",\"payeeFsp\":\"b\",\"amount\":10,"
                + "\"currency\":\"EUR\"}").statusCode()).isEqualTo(201);

        CompletableFuture<ConfigurableApplicationContext> upgrader;
        try (Connection reader = db.dataSource().getConnection(); Statement s = reader.createStatement()) {
            // a long reading transaction: 1.0.1's ALTER TABLE waits for it, so the upgrade lasts until it ends
            reader.setAutoCommit(false);
            s.executeQuery("SELECT count(*) FROM transfer").close();
            upgrader = CompletableFuture.supplyAsync(() -> start(db, "new-a-1.0.1", "1.0.1"));
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (nodeState(backend, "new-a-1.0.1") != NodeState.UPGRADING && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(nodeState(backend, "new-a-1.0.1")).isEqualTo(NodeState.UPGRADING);

            // the second new instance loses the race: its start-up does not block, it waits not ready
            ConfigurableApplicationContext second = start(db, "new-b-1.0.1", "1.0.1");
            HttpResponse<String> waiting = get(url(second, "/actuator/health/readiness"));
            assertThat(waiting.statusCode()).isEqualTo(503);
            assertThat(status(waiting)).isEqualTo("OUT_OF_SERVICE");
            assertThat(get(url(second, "/actuator/health/liveness")).statusCode()).isEqualTo(200);
            assertThat(nodeState(backend, "new-b-1.0.1")).isEqualTo(NodeState.WAITING);
            HttpResponse<String> refused = get(url(second, "/transfers/" + java.util.UUID.randomUUID()));
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            // the old instance still serves data 1.0.0
            assertThat(get(url(old, "/actuator/health/readiness")).statusCode()).isEqualTo(200);
            assertThat(upgrader).isNotDone();

            reader.rollback(); // the reading transaction ends: the DDL runs, the data reaches 1.0.1
            HttpResponse<String> ready = awaitGet(url(second, "/actuator/health/readiness"),
                    r -> r.statusCode() == 200);
            assertThat(ready.statusCode()).isEqualTo(200);
            assertThat(status(ready)).isEqualTo("UP");
        }
        ConfigurableApplicationContext first = upgrader.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(get(url(first, "/actuator/health/readiness")).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get(url(first, "/actuator/upsilon")).body()).path("node").path("dataVersion")
                .asText()).isEqualTo("1.0.1");
        assertThat(post(url(first, "/transfers"), "{\"payerFsp\":\"a\",\"payeeFsp\":\"b\",\"amount\":5,"
                + "\"currency\":\"EUR\",\"quoteId\":\"" + java.util.UUID.randomUUID() + "\"}").statusCode())
                .isEqualTo(201);

        // data 1.0.1 is past the old instance's window: it fences itself, not ready but alive
        HttpResponse<String> fenced = awaitGet(url(old, "/actuator/health/readiness"), r -> r.statusCode() == 503);
        assertThat(fenced.statusCode()).isEqualTo(503);
        assertThat(get(url(old, "/actuator/health/liveness")).statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(get(url(old, "/actuator/upsilon")).body()).path("node").path("state").asText())
                .isEqualTo("FENCED");
        assertThat(post(url(old, "/transfers"), "{\"payerFsp\":\"a\",\"payeeFsp\":\"b\",\"amount\":1,"
                + "\"currency\":\"EUR\"}").statusCode()).isEqualTo(503);
        assertThat(db.queryOne("SELECT count(*) FROM transfer")).isEqualTo(2L);
    }

    @Test
    void anOperatorFenceTakesAReadyInstanceOutOfService() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        ConfigurableApplicationContext node = start(db, "fence-me-1.0.1", "1.0.1");
        assertThat(get(url(node, "/actuator/health/readiness")).statusCode()).isEqualTo(200);

        // what `upsilon fence --below 1.1` does, as a library call
        PostgresBackend.create(db.dataSource()).nodes().fenceBelow(io.upsilon.Version.parse("1.1"));

        HttpResponse<String> fenced = awaitGet(url(node, "/actuator/health/readiness"), r -> r.statusCode() == 503);
        assertThat(fenced.statusCode()).isEqualTo(503);
        assertThat(status(fenced)).isEqualTo("OUT_OF_SERVICE");
        assertThat(get(url(node, "/actuator/health/liveness")).statusCode()).isEqualTo(200);
    }
}
