package io.upsilon;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.NodeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Which nodes a drain waits for, and what it reports while it waits (the node table held in a list). */
class MaintenanceDrainTest {

    private static final Instant OPENED = Instant.parse("2026-01-01T10:00:00Z");
    private static final MaintenanceWindow WINDOW = new MaintenanceWindow("test", "alice", OPENED, null);

    private static NodeRecord node(String id, NodeState state, int inFlight, Instant heartbeat, boolean fenced,
                                   boolean gone) {
        return new NodeRecord(id, "host", Version.parse("1.0.0"), state, inFlight, OPENED.minusSeconds(60),
                heartbeat, Duration.ofSeconds(30), fenced, gone);
    }

    @Test
    void onlyNodesNeitherGoneNorFencedAreLive() {
        Instant after = OPENED.plusSeconds(1);
        assertThat(MaintenanceDrain.live(node("a", NodeState.READY, 0, after, false, false))).isTrue();
        assertThat(MaintenanceDrain.live(node("b", NodeState.READY, 3, after, false, true))).as("gone").isFalse();
        assertThat(MaintenanceDrain.live(node("c", NodeState.READY, 3, after, true, false))).as("fenced flag")
                .isFalse();
        assertThat(MaintenanceDrain.live(node("d", NodeState.FENCED, 3, after, false, false))).as("FENCED state")
                .isFalse();
    }

    @Test
    void aLiveNodeIsBusyUntilItReportsNothingInFlightAfterTheWindowOpened() {
        Registry registry = new Registry();
        registry.nodes.add(node("idle-before", NodeState.READY, 0, OPENED.minusSeconds(1), false, false));
        registry.nodes.add(node("working", NodeState.READY, 2, OPENED.plusSeconds(1), false, false));
        registry.nodes.add(node("drained", NodeState.READY, 0, OPENED.plusSeconds(1), false, false));
        registry.nodes.add(node("fenced", NodeState.READY, 5, OPENED.minusSeconds(1), true, false));

        MaintenanceDrain.Result result = MaintenanceDrain.check(registry, WINDOW);

        assertThat(result.drained()).isFalse();
        assertThat(result.busy()).extracting(NodeRecord::nodeId).containsExactly("idle-before", "working");
        assertThat(result.live()).as("the fenced node is not live").isEqualTo(3);
        assertThat(result.summary()).isEqualTo("Not drained after 0 ms: 2 nodes still busy.");
    }

    @Test
    void aDrainedResultSaysHowManyLiveNodesReported() {
        Registry registry = new Registry();
        assertThat(MaintenanceDrain.check(registry, WINDOW).summary())
                .isEqualTo("Drained: no live node is registered, so no work is in flight.");
        registry.nodes.add(node("drained", NodeState.READY, 0, OPENED.plusSeconds(1), false, false));
        assertThat(MaintenanceDrain.check(registry, WINDOW).summary())
                .isEqualTo("Drained in 0 ms: the live node reported zero in-flight work since the window opened.");
        registry.nodes.add(node("also", NodeState.READY, 0, OPENED.plusSeconds(1), false, false));
        registry.nodes.add(node("gone", NodeState.READY, 4, OPENED.minusSeconds(9), false, true));
        assertThat(MaintenanceDrain.check(registry, WINDOW).summary()).startsWith("Drained in 0 ms: all 2 live nodes");
    }

    @Test
    void progressHearsTheBusyNodesUntilTheyDrain() throws InterruptedException {
        Registry registry = new Registry();
        registry.nodes.add(node("working", NodeState.READY, 1, OPENED.plusSeconds(1), false, false));
        List<List<String>> heard = new ArrayList<>();
        registry.afterReads = 5; // the node reports zero in flight after five reads of the table

        MaintenanceDrain.Result result = MaintenanceDrain.await(registry, WINDOW, Duration.ofSeconds(30),
                Duration.ofMillis(1), Duration.ofNanos(1),
                (busy, waited) -> heard.add(busy.stream().map(NodeRecord::nodeId).toList()));

        assertThat(result.drained()).isTrue();
        assertThat(result.busy()).isEmpty();
        assertThat(heard).isNotEmpty().allSatisfy(ids -> assertThat(ids).containsExactly("working"));
    }

    @Test
    void aZeroIsTrustedOnlyFromABeatLaterThanOneSeenAfterTheOpening() throws InterruptedException {
        // the first beat stamped after the opening may carry a count taken just before it: not trusted on its own
        Registry registry = new Registry();
        registry.nodes.add(node("raced", NodeState.READY, 0, OPENED.plusMillis(1), false, false));

        MaintenanceDrain.Result first = MaintenanceDrain.await(registry, WINDOW, Duration.ofMillis(30),
                Duration.ofMillis(1));
        assertThat(first.drained()).as("one beat, however often read").isFalse();
        assertThat(first.busy()).extracting(NodeRecord::nodeId).containsExactly("raced");

        registry.afterReads = 3; // then the node beats again, still idle
        MaintenanceDrain.Result second = MaintenanceDrain.await(registry, WINDOW, Duration.ofSeconds(30),
                Duration.ofMillis(1));
        assertThat(second.drained()).isTrue();
    }

    @Test
    void aZeroTimeoutGivesUpAtOnceWithTheBusyNodes() throws InterruptedException {
        Registry registry = new Registry();
        registry.nodes.add(node("working", NodeState.READY, 1, OPENED.plusSeconds(1), false, false));

        MaintenanceDrain.Result result = MaintenanceDrain.await(registry, WINDOW, Duration.ZERO, Duration.ofMillis(1));

        assertThat(result.drained()).isFalse();
        assertThat(result.busy()).extracting(NodeRecord::nodeId).containsExactly("working");
    }

    /** A node table in a list; with {@code afterReads} set, every node reports zero in flight after that many reads. */
    private static final class Registry extends ReadOnlyRegistry {
        final List<NodeRecord> nodes = new CopyOnWriteArrayList<>();
        int afterReads = -1;
        private int reads;

        @Override
        public List<NodeRecord> nodes() {
            if (afterReads >= 0 && ++reads > afterReads) {
                return nodes.stream().map(n -> new NodeRecord(n.nodeId(), n.host(), n.softwareVersion(), n.state(),
                        0, n.startedAt(), OPENED.plusSeconds(2), n.ttl(), n.fenced(), n.gone())).toList();
            }
            return List.copyOf(nodes);
        }
    }
}
