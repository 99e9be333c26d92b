package io.upsilon.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.CompatibilityWindow;
import io.upsilon.NodeState;
import io.upsilon.Version;
import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.NodeRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The contract every {@link NodeRegistry} passes, through a thin subclass that makes a fresh registry and opens
 * database sessions tagged as a node's. Liveness is judged by the registry's clock, so the tests wait for a node to
 * turn gone rather than assume when it does.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
public abstract class AbstractNodeRegistryContractTest {

    private static final Duration LONG = Duration.ofHours(1);
    private static final Version V1 = Version.parse("1.9");
    private static final Version V2 = Version.parse("1.10");
    private static final Version V3 = Version.parse("2.0");

    /** A fresh registry with no nodes and no fence floor (a namespace of its own). */
    protected abstract NodeRegistry newRegistry();

    /** A database session tagged as node {@code nodeId}'s, as the node's own sessions are; the test closes it. */
    protected abstract Connection taggedSession(String nodeId) throws SQLException;

    private NodeRegistry registry;

    @BeforeEach
    void setUpRegistry() {
        registry = newRegistry();
    }

    private NodeRecord node(String id) {
        return registry.nodes().stream().filter(n -> n.nodeId().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("node " + id + " is not listed: " + registry.nodes()));
    }

    private void awaitNode(String id, Predicate<NodeRecord> condition) throws InterruptedException {
        while (!condition.test(node(id))) {
            Thread.sleep(20);
        }
    }

    @Test
    void aRegisteredNodeIsListedAsItRegistered() {
        assertThat(registry.nodes()).isEmpty();
        registry.register("a", "host-a", V1, NodeState.STARTING, LONG);
        NodeRecord a = node("a");
        assertThat(a.host()).isEqualTo("host-a");
        assertThat(a.softwareVersion()).isEqualTo(V1);
        assertThat(a.state()).isEqualTo(NodeState.STARTING);
        assertThat(a.inFlight()).isZero();
        assertThat(a.ttl()).isEqualTo(LONG);
        assertThat(a.fenced()).isFalse();
        assertThat(a.gone()).isFalse();
        assertThat(a.heartbeatAt()).isNotNull();
        assertThat(a.startedAt()).isNotNull();
    }

    @Test
    void registeringAgainReplacesTheRow() {
        registry.register("a", "host-a", V1, NodeState.STARTING, LONG);
        registry.heartbeat("a", NodeState.READY, 4);
        registry.register("a", "host-b", V3, NodeState.UP, LONG);
        assertThat(registry.nodes()).hasSize(1);
        NodeRecord a = node("a");
        assertThat(a.host()).isEqualTo("host-b");
        assertThat(a.softwareVersion()).isEqualTo(V3);
        assertThat(a.state()).isEqualTo(NodeState.UP);
        assertThat(a.inFlight()).isZero();
    }

    @Test
    void aHeartbeatReportsStateAndWorkAndRenews() {
        registry.register("a", "host-a", V1, NodeState.STARTING, LONG);
        NodeRecord before = node("a");
        assertThat(registry.heartbeat("a", NodeState.READY, 3)).as("not fenced").isFalse();
        NodeRecord after = node("a");
        assertThat(after.state()).isEqualTo(NodeState.READY);
        assertThat(after.inFlight()).isEqualTo(3);
        assertThat(after.heartbeatAt()).isAfterOrEqualTo(before.heartbeatAt());
    }

    @Test
    void aHeartbeatOfAnUnknownNodeIsNotFencedAndRegistersNothing() {
        registry.register("a", "host-a", V1, NodeState.UP, LONG); // nodes heartbeat after registering
        assertThat(registry.heartbeat("ghost", NodeState.READY, 0)).isFalse();
        assertThat(registry.nodes()).extracting(NodeRecord::nodeId).containsExactly("a");
    }

    @Test
    void aNodeIsGoneOnceItsHeartbeatIsOlderThanItsTtlAndLiveWhenItRegistersAgain() throws Exception {
        registry.register("short", "h", V1, NodeState.UP, Duration.ofMillis(200));
        registry.register("long", "h", V1, NodeState.UP, LONG);
        awaitNode("short", NodeRecord::gone);
        assertThat(node("long").gone()).isFalse();
        registry.register("short", "h", V1, NodeState.UP, LONG);
        assertThat(node("short").gone()).isFalse();
    }

    @Test
    void fencingMarksOnlyOlderVersionsComparedAsVersions() {
        registry.register("old", "h", V1, NodeState.READY, LONG);
        registry.register("mid", "h", V2, NodeState.READY, LONG);
        registry.register("new", "h", V3, NodeState.READY, LONG);
        List<NodeRecord> fenced = registry.fenceBelow(V2); // 1.9 < 1.10: numeric, not text order
        assertThat(fenced).extracting(NodeRecord::nodeId).containsExactly("old");
        assertThat(node("old").fenced()).isTrue();
        assertThat(node("mid").fenced()).isFalse();
        assertThat(registry.heartbeat("old", NodeState.READY, 0)).isTrue();
        assertThat(registry.heartbeat("mid", NodeState.READY, 0)).isFalse();
        assertThat(registry.heartbeat("new", NodeState.READY, 0)).isFalse();
    }

    @Test
    void fencedAnswersAsTheHeartbeatWithoutRecordingAnything() throws Exception {
        registry.register("old", "h", V1, NodeState.WAITING, LONG);
        registry.register("new", "h", V3, NodeState.WAITING, LONG);
        NodeRecord before = node("old");
        Thread.sleep(20); // so that a renewed heartbeat would show
        assertThat(registry.fenced("old")).isFalse();
        registry.fenceBelow(V2);
        assertThat(registry.fenced("old")).as("marked").isTrue();
        assertThat(registry.fenced("new")).isFalse();
        assertThat(registry.fenced("ghost")).as("not registered").isFalse();
        NodeRecord after = node("old");
        assertThat(after.heartbeatAt()).as("not renewed").isEqualTo(before.heartbeatAt());
        assertThat(after.state()).isEqualTo(NodeState.WAITING);
        Assumptions.assumeTrue(registry.fenceFloor().isPresent(), "this registry keeps no fence floor");
        registry.register("late", "h", V1, NodeState.STARTING, LONG);
        assertThat(registry.fenced("late")).as("below the fence floor").isTrue();
    }

    @Test
    void theFenceFloorFencesOlderNodesThatStartLaterAndNeverDrops() {
        registry.fenceBelow(V3);
        Optional<Version> floor = registry.fenceFloor();
        Assumptions.assumeTrue(floor.isPresent(), "this registry keeps no fence floor");
        assertThat(floor).contains(V3);
        registry.register("late", "h", V1, NodeState.STARTING, LONG);
        assertThat(registry.heartbeat("late", NodeState.READY, 0)).as("a fenced version restarting").isTrue();
        registry.fenceBelow(V2);
        assertThat(registry.fenceFloor()).as("fencing never lets an older version back in").contains(V3);
    }

    @Test
    void clearingTheFenceLetsEveryVersionServeAgain() {
        registry.register("old", "h", V1, NodeState.READY, LONG);
        registry.fenceBelow(V3);
        Assumptions.assumeTrue(registry.fenceFloor().isPresent(), "this registry keeps no fence floor");
        assertThat(registry.clearFence()).isTrue();
        assertThat(registry.fenceFloor()).isEmpty();
        assertThat(node("old").fenced()).isFalse();
        assertThat(registry.heartbeat("old", NodeState.READY, 0)).isFalse();
        assertThat(registry.clearFence()).as("no floor left").isFalse();
    }

    @Test
    void deregisteringRemovesOnlyThatRow() {
        registry.register("a", "h", V1, NodeState.UP, LONG);
        registry.register("b", "h", V1, NodeState.UP, LONG);
        registry.deregister("a");
        registry.deregister("never-registered");
        assertThat(registry.nodes()).extracting(NodeRecord::nodeId).containsExactly("b");
    }

    @Test
    void pruningDeletesOnlyNodesGoneLongerThanAsked() throws Exception {
        registry.register("gone", "h", V1, NodeState.UP, Duration.ofMillis(100));
        registry.register("live", "h", V1, NodeState.UP, LONG);
        awaitNode("gone", NodeRecord::gone);
        assertThat(registry.pruneGone(LONG)).as("gone, but not for an hour").isZero();
        int pruned = registry.pruneGone(Duration.ZERO);
        Assumptions.assumeTrue(pruned > 0 || registry.nodes().size() == 2, "this registry does not prune");
        assertThat(pruned).isEqualTo(1);
        assertThat(registry.nodes()).extracting(NodeRecord::nodeId).containsExactly("live");
    }

    @Test
    void terminatingSessionsEndsOnlyTheNamedNodesSessions() throws Exception {
        assertThat(registry.terminateSessions(List.of())).isZero();
        try (Connection a = taggedSession("a"); Connection b = taggedSession("b")) {
            assertThat(registry.terminateSessions(List.of("a", "nobody"))).isEqualTo(1);
            assertThat(alive(a)).isFalse();
            assertThat(alive(b)).isTrue();
        }
    }

    @Test
    void sessionsOfLiveNodesWhoseWindowLacksTheDataVersionAreEnded() throws Exception {
        registry.register("serves-both", "h", V2, NodeState.READY, LONG, CompatibilityWindow.of(Set.of(V2, V3)));
        registry.register("serves-old", "h", V2, NodeState.READY, LONG, CompatibilityWindow.of(Set.of(V2)));
        registry.register("no-window", "h", V2, NodeState.READY, LONG);
        try (Connection both = taggedSession("serves-both"); Connection old = taggedSession("serves-old");
             Connection none = taggedSession("no-window")) {
            List<String> ended = registry.terminateSessionsOutside(V3);
            Assumptions.assumeFalse(ended.isEmpty() && alive(old), "this registry keeps no windows");
            assertThat(ended).containsExactly("serves-old");
            assertThat(alive(old)).isFalse();
            assertThat(alive(both)).isTrue();
            assertThat(alive(none)).as("a node without a window is left alone").isTrue();
        }
    }

    private static boolean alive(Connection c) {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT 1");
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
