package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsilon.NodeState;
import io.upsilon.Version;
import io.upsilon.config.NodeTag;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.NodeRegistry;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code fence --below}: marks the older nodes, and with --terminate-sessions ends their database sessions. */
class FenceIT {

    private TestDatabase db;
    private NodeRegistry registry;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        registry = PostgresBackend.create(db.dataSource()).nodes();
        registry.register("old-1", "host-a", Version.parse("1.0.2"), NodeState.READY, Duration.ofSeconds(30));
        registry.register("new-1", "host-b", Version.parse("1.10"), NodeState.READY, Duration.ofSeconds(30));
    }

    @Test
    void fencesTheOlderNodesOnlyAndLeavesSessionsAlone() throws Exception {
        try (Connection old = db.dataSource(NodeTag.of("old-1")).getConnection()) {
            Cli.Run run = Cli.run("fence", "--below", "1.9", "--json", "--url", db.jdbcUrl());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.json().get("below").asText()).isEqualTo("1.9");
            assertThat(run.json().get("fenced")).extracting(n -> n.get("nodeId").asText()).containsExactly("old-1");
            assertThat(run.json().get("sessionsTerminated").isNull()).isTrue();
            assertThat(old.isValid(5)).as("without --terminate-sessions the session lives").isTrue();
        }
        assertThat(registry.heartbeat("old-1", NodeState.READY, 0)).as("the node learns it is fenced").isTrue();
        assertThat(registry.heartbeat("new-1", NodeState.READY, 0)).as("1.10 is not below 1.9").isFalse();
        assertThat(registry.nodes()).filteredOn(NodeRecord::fenced).extracting(NodeRecord::nodeId)
                .containsExactly("old-1");

        Cli.Run text = Cli.run("fence", "--below", "1.9", "--url", db.jdbcUrl());
        assertThat(text.out()).contains("Fenced 1 node running a software version below 1.9", "old-1", "1.0.2")
                .doesNotContain("new-1", "Terminated");
    }

    @Test
    void terminatesTheFencedNodesSessions() throws Exception {
        try (Connection old = db.dataSource(NodeTag.of("old-1")).getConnection();
             Connection alsoOld = db.dataSource(NodeTag.of("old-1")).getConnection();
             Connection current = db.dataSource(NodeTag.of("new-1")).getConnection()) {
            Cli.Run run = Cli.run("fence", "--below", "1.1", "--terminate-sessions", "--url", db.jdbcUrl());

            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("Fenced 1 node", "old-1", "Terminated 2 database sessions");
            assertThat(old.isValid(5)).as("the fenced node's session is dead").isFalse();
            assertThat(alsoOld.isValid(5)).isFalse();
            assertThat(current.isValid(5)).as("the newer node's session lives").isTrue();
        }
        JsonNode again = Cli.run("fence", "--below", "1.1", "--terminate-sessions", "--json", "--url", db.jdbcUrl())
                .json();
        assertThat(again.get("sessionsTerminated").asInt()).isZero();
    }

    @Test
    void nothingBelowTheVersionFencesNothing() {
        Cli.Run run = Cli.run("fence", "--below", "1.0", "--terminate-sessions", "--url", db.jdbcUrl());
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("No node runs a software version below 1.0; nothing fenced");
        assertThat(registry.nodes()).noneMatch(NodeRecord::fenced);
    }

    @Test
    void aBadVersionIsBadInput() {
        Cli.Run run = Cli.run("fence", "--below", "1.x", "--url", db.jdbcUrl());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().strip().lines()).hasSize(1);
        assertThat(run.err()).contains("invalid version '1.x'", "upsilon fence --help");
        assertThat(registry.nodes()).noneMatch(NodeRecord::fenced);
    }
}
