package io.upsilon.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a whole Spring Boot web application on the embedded PostgreSQL: readiness, liveness, the gate
 * filter, the endpoint, health and metrics, seen over HTTP.
 */
@SpringBootTest(classes = GreetingApp.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "management.endpoint.health.probes.enabled=true", "management.endpoint.health.show-components=always",
        "management.endpoints.web.exposure.include=health,upsilon,metrics", "upsilon.poll-interval=200ms",
        "upsilon.gate.max-wait=0s"}) // the gate on every path (the default /*) but /actuator, its default exclusion
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpsilonSpringBootIT {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final TestDatabase DB = PostgresFixture.newDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> "jdbc:postgresql://localhost:" + DB.port() + "/" + DB.name());
        registry.add("spring.datasource.username", () -> "postgres");
    }

    @LocalServerPort
    int port;

    @Autowired
    MeterRegistry meters;

    @Autowired
    UpsilonNode node;

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    @Test
    @Order(1)
    void startsUpgradedReadyAndServing() throws Exception {
        assertThat(Http.get(url("/actuator/health/readiness")).statusCode()).isEqualTo(200);
        assertThat(Http.get(url("/actuator/health/liveness")).statusCode()).isEqualTo(200);
        HttpResponse<String> greeting = Http.get(url("/greetings"));
        assertThat(greeting.statusCode()).isEqualTo(200);
        assertThat(Http.json(greeting).path("language").asText()).isEqualTo("en"); // 1.1.0's column
        JsonNode health = Http.json(Http.get(url("/actuator/health")));
        assertThat(health.path("components").path("upsilon").path("status").asText()).isEqualTo("UP");
    }

    @Test
    @Order(2)
    void statusEndpointAnswersTheStatusJson() throws Exception {
        HttpResponse<String> response = Http.get(url("/actuator/upsilon"));
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode status = Http.json(response);
        assertThat(status.path("node").path("state").asText()).isEqualTo("READY");
        assertThat(status.path("node").path("dataVersion").asText()).isEqualTo("1.1.0");
        assertThat(status.path("nodes")).hasSize(1);
        assertThat(status.path("history")).hasSize(2);
        assertThat(status.path("history").get(0).path("task").asText()).isEqualTo("sql/1.0.0/create_greeting.sql");
        assertThat(status.has("lock") && status.has("maintenance")).isTrue();
    }

    @Test
    @Order(3)
    void metricsCountTheTasksAndTheState() {
        assertThat(meters.get("upsilon.task.duration").tag("outcome", "success").functionTimers()).hasSize(2)
                .allSatisfy(t -> assertThat(t.count()).isEqualTo(1.0));
        assertThat(meters.get("upsilon.task.duration").tag("outcome", "success").tag("version", "1.1.0")
                .tag("task", "sql/1.1.0/add_language.sql").functionTimer().count()).isEqualTo(1);
        assertThat(meters.get("upsilon.lock.held").functionTimer().count()).isEqualTo(1);
        assertThat(meters.get("upsilon.lock.wait").functionTimer().count()).isEqualTo(1);
        assertThat(meters.get("upsilon.node.state").tag("state", "READY").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("upsilon.node.state").tag("state", "WAITING").gauge().value()).isEqualTo(0.0);
        assertThat(meters.get("upsilon.data.version").tag("version", "1.1.0").gauge().value()).isEqualTo(1.0);
        assertThat(meters.get("upsilon.maintenance.open").gauge().value()).isEqualTo(0.0);
    }

    @Test
    @Order(4)
    void theMaintenanceWindowTakesTheNodeOutOfServiceAndTheGateRefuses() throws Exception {
        PostgresBackend backend = PostgresBackend.create(DB.dataSource());
        backend.maintenance().enter("test", "UpsilonSpringBootIT");
        try {
            HttpResponse<String> readiness = Http.awaitGet(url("/actuator/health/readiness"),
                    r -> r.statusCode() == 503, WAIT);
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(Http.json(readiness).path("status").asText()).isEqualTo("OUT_OF_SERVICE");
            assertThat(Http.get(url("/actuator/health/liveness")).statusCode()).isEqualTo(200);
            HttpResponse<String> greeting = Http.get(url("/greetings"));
            assertThat(greeting.statusCode()).isEqualTo(503);
            assertThat(greeting.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(Http.json(greeting).path("error").asText()).isEqualTo("MAINTENANCE");
            assertThat(meters.get("upsilon.maintenance.open").gauge().value()).isEqualTo(1.0);
        } finally {
            backend.maintenance().exit();
        }
        assertThat(Http.awaitGet(url("/actuator/health/readiness"), r -> r.statusCode() == 200, WAIT).statusCode())
                .isEqualTo(200);
        assertThat(Http.get(url("/greetings")).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(5)
    void aFencedNodeIsNotReadyButAlive() throws Exception {
        PostgresBackend.create(DB.dataSource()).nodes().fenceBelow(Version.parse("2.0"));
        HttpResponse<String> readiness = Http.awaitGet(url("/actuator/health/readiness"),
                r -> r.statusCode() == 503, WAIT);
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(Http.get(url("/actuator/health/liveness")).statusCode()).isEqualTo(200);
        HttpResponse<String> greeting = Http.get(url("/greetings"));
        assertThat(greeting.statusCode()).isEqualTo(503);
        assertThat(Http.json(greeting).path("error").asText()).isEqualTo("FENCED");
        JsonNode health = Http.json(Http.get(url("/actuator/health")));
        assertThat(health.path("components").path("upsilon").path("status").asText()).isEqualTo("OUT_OF_SERVICE");
        assertThat(meters.get("upsilon.node.state").tag("state", "FENCED").gauge().value()).isEqualTo(1.0);
    }
}
