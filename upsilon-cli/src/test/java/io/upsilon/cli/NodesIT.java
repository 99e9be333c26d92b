package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsilon.NodeState;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.spi.NodeRegistry;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code nodes}: the node table with states, in-flight work, heartbeat age, GONE and FENCED. */
class NodesIT {

    private TestDatabase db;
    private NodeRegistry registry;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        registry = PostgresBackend.create(db.dataSource()).nodes();
    }

    @Test
    void anEmptyNodeTableSaysHowNodesGetThere() {
        Cli.Run run = Cli.run("nodes", "--url", db.jdbcUrl());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("No nodes registered", "upsilon serve");
        assertThat(Cli.run("nodes", "--json", "--url", db.jdbcUrl()).json().get("nodes")).isEmpty();
    }

    @Test
    void listsLiveGoneAndFencedNodes() throws Exception {
        registry.register("web-1", "host-a", Version.parse("1.1"), NodeState.UP, Duration.ofSeconds(30));
        registry.heartbeat("web-1", NodeState.READY, 4);
        registry.register("web-old", "host-b", Version.parse("1.0"), NodeState.READY, Duration.ofSeconds(30));
        registry.fenceBelow(Version.parse("1.1"));
        registry.register("web-dead", "host-c", Version.parse("1.1"), NodeState.READY, Duration.ofMillis(1));
        Thread.sleep(20); // past the 1 ms TTL, on database time too

        Cli.Run json = Cli.run("nodes", "--json", "--url", db.jdbcUrl());

        assertThat(json.exitCode()).as(json.toString()).isZero();
        Map<String, JsonNode> nodes = new HashMap<>();
        json.json().get("nodes").forEach(n -> nodes.put(n.get("nodeId").asText(), n));
        assertThat(nodes).containsOnlyKeys("web-1", "web-old", "web-dead");
        JsonNode live = nodes.get("web-1");
        assertThat(live.get("host").asText()).isEqualTo("host-a");
        assertThat(live.get("softwareVersion").asText()).isEqualTo("1.1");
        assertThat(live.get("state").asText()).isEqualTo("READY");
        assertThat(live.get("inFlight").asInt()).isEqualTo(4);
        assertThat(live.get("heartbeatAgeMillis").asLong()).isBetween(0L, 10_000L);
        assertThat(live.get("ttlMillis").asLong()).isEqualTo(30_000);
        assertThat(live.get("gone").asBoolean()).isFalse();
        assertThat(live.get("fenced").asBoolean()).isFalse();
        assertThat(nodes.get("web-old").get("fenced").asBoolean()).isTrue();
        assertThat(nodes.get("web-old").get("gone").asBoolean()).isFalse();
        assertThat(nodes.get("web-dead").get("gone").asBoolean()).isTrue();
        assertThat(nodes.get("web-dead").get("fenced").asBoolean()).isFalse();

        Cli.Run text = Cli.run("nodes", "--url", db.jdbcUrl());
        assertThat(text.exitCode()).as(text.toString()).isZero();
        assertThat(text.out()).contains("NODE", "HOST", "VERSION", "STATE", "IN-FLIGHT", "HEARTBEAT", "FLAGS",
                "3 nodes: 1 ready, 1 gone, 1 fenced.");
        assertThat(line(text.out(), "web-1")).contains("host-a", "1.1", "READY", " 4 ", " ago").doesNotContain("GONE",
                "FENCED");
        assertThat(line(text.out(), "web-old")).endsWith("FENCED").doesNotContain("GONE");
        assertThat(line(text.out(), "web-dead")).endsWith("GONE");
    }

    private static String line(String out, String node) {
        return out.lines().filter(l -> l.strip().startsWith(node + " ")).findFirst().orElseThrow();
    }
}
