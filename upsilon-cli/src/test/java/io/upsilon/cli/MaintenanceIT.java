package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsilon.NodeState;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.NodeRegistry;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code maintenance enter|status|exit} and the drain, on a real node table. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MaintenanceIT {

    private TestDatabase db;
    private NodeRegistry registry;
    private MaintenanceStore store;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        PostgresBackend backend = PostgresBackend.create(db.dataSource());
        registry = backend.nodes();
        store = backend.maintenance();
    }

    private Cli.Run cli(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "maintenance";
        System.arraycopy(args, 0, all, 1, args.length);
        all[args.length + 1] = "--url";
        all[args.length + 2] = db.jdbcUrl();
        return Cli.run(all);
    }

    @Test
    void entersShowsAndExits() {
        Cli.Run closed = cli("status", "--json");
        assertThat(closed.exitCode()).as(closed.toString()).isZero();
        assertThat(closed.json().get("open").asBoolean()).isFalse();
        assertThat(cli("status").out()).contains("Maintenance window: closed");

        Cli.Run enter = cli("enter", "--reason", "switch to cluster B", "--who", "alice", "--json");
        assertThat(enter.exitCode()).as(enter.toString()).isZero();
        assertThat(enter.json().get("opened").asBoolean()).isTrue();
        assertThat(enter.json().at("/window/reason").asText()).isEqualTo("switch to cluster B");
        assertThat(enter.json().at("/window/who").asText()).isEqualTo("alice");
        assertThat(store.current()).hasValueSatisfying(w -> assertThat(w.who()).isEqualTo("alice"));

        Cli.Run again = cli("enter", "--reason", "something else");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("already open", "alice", "switch to cluster B", "left as it is");

        JsonNode status = cli("status", "--json").json();
        assertThat(status.get("open").asBoolean()).isTrue();
        assertThat(status.at("/window/who").asText()).isEqualTo("alice");
        assertThat(status.at("/window/since").asText()).isNotEmpty();
        assertThat(status.get("drained").asBoolean()).as("no nodes, nothing in flight").isTrue();
        assertThat(cli("status").out()).contains("open since", "alice", "switch to cluster B", "Drained", "yes");

        Cli.Run exit = cli("exit", "--json");
        assertThat(exit.exitCode()).as(exit.toString()).isZero();
        assertThat(exit.json().get("closed").asBoolean()).isTrue();
        assertThat(exit.json().at("/window/who").asText()).isEqualTo("alice");
        assertThat(store.current()).isEmpty();
        assertThat(cli("exit").out()).contains("No maintenance window was open");
    }

    @Test
    void whoDefaultsToTheOsUser() {
        Cli.Run enter = cli("enter", "--json");
        assertThat(enter.exitCode()).as(enter.toString()).isZero();
        assertThat(enter.json().at("/window/who").asText()).isEqualTo(System.getProperty("user.name"));
        assertThat(enter.json().at("/window/reason").asText()).isEqualTo("maintenance");
    }

    @Test
    void drainWithoutNodesSucceedsAtOnce() {
        Cli.Run run = cli("enter", "--drain", "--drain-timeout", "5");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Opened the maintenance window", "Drained", "no live node");
        assertThat(run.err()).isEmpty();
    }

    @Test
    void drainWaitsForANodeToReportAfterTheWindowOpenedAndShowsProgress() throws Exception {
        registry.register("web-1", "host-a", Version.parse("1.0"), NodeState.READY, Duration.ofSeconds(30));
        registry.heartbeat("web-1", NodeState.READY, 2);
        CompletableFuture<Cli.Run> drain = CompletableFuture.supplyAsync(
                () -> cli("enter", "--drain", "--drain-timeout", "20"));
        while (store.current().isEmpty()) {
            Thread.sleep(20);
        }
        Thread.sleep(1_600); // long enough for one progress line (one a second)
        registry.heartbeat("web-1", NodeState.READY, 0); // its work is done, reported after the window opened
        // the drain trusts a zero only from a beat later than one it saw after the opening (the first may carry a
        // count taken before it): let it read this beat (it polls every 200 ms), then beat again as a node does
        Thread.sleep(1_000);
        registry.heartbeat("web-1", NodeState.READY, 0);

        Cli.Run run = drain.get(30, TimeUnit.SECONDS);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("waiting for 1 node: web-1 (2 in flight)",
                "Drained in", "the live node reported zero in-flight work");
        assertThat(store.current()).as("the window stays open after a drain").isPresent();
    }

    @Test
    void drainTimesOutNamingTheBusyNodeAndLeavesTheWindowOpen() {
        registry.register("busy-1", "host-a", Version.parse("1.0"), NodeState.READY, Duration.ofSeconds(30));
        registry.heartbeat("busy-1", NodeState.READY, 3);
        registry.register("idle-gone", "host-b", Version.parse("1.0"), NodeState.READY, Duration.ofMillis(1));

        Cli.Run run = cli("enter", "--drain", "--drain-timeout", "1", "--reason", "cut-over");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("Not drained", "busy-1", "maintenance exit").doesNotContain("idle-gone");
        assertThat(run.err().strip().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).startsWith("upsilon: not drained within 1 s")
                .contains("busy-1 (3 in flight)", "stays open", "upsilon maintenance exit");
        assertThat(store.current()).hasValueSatisfying(w -> assertThat(w.reason()).isEqualTo("cut-over"));

        Cli.Run json = cli("enter", "--drain", "--drain-timeout", "0", "--json");
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(1);
        assertThat(json.json().get("drained").asBoolean()).isFalse();
        assertThat(json.json().get("opened").asBoolean()).isFalse();
        assertThat(json.json().get("busy")).extracting(n -> n.get("nodeId").asText()).containsExactly("busy-1");
        assertThat(json.json().at("/busy/0/inFlight").asInt()).isEqualTo(3);
        assertThat(json.json().at("/error/code").asText()).isEqualTo("DRAIN_TIMEOUT");

        JsonNode status = cli("status", "--json").json();
        assertThat(status.get("drained").asBoolean()).isFalse();
        assertThat(status.get("busy")).extracting(n -> n.get("nodeId").asText()).containsExactly("busy-1");
    }
}
