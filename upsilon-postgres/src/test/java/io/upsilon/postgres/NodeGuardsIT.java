package io.upsilon.postgres;

import static io.upsilon.postgres.Nodes.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.ErrorCode;
import io.upsilon.Fence;
import io.upsilon.Manifest;
import io.upsilon.NodeState;
import io.upsilon.TaskContext;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.UpsilonNode;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.spi.NodeRecord;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nodes that wait hold work instead of refusing it; operator fencing with guards; a node below the fence floor never
 * turns READY; gone rows are pruned; a bump ends stray nodes' sessions.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NodeGuardsIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestDatabase db;
    private PostgresBackend backend;
    private final List<UpsilonNode> started = new ArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch inGatedTask = new CountDownLatch(1);
    /** Every state each node passed through, in order, from its STATE_CHANGED events. */
    private final List<String> transitions = new CopyOnWriteArrayList<>();

    final class GatedTask extends BaseUpgradeTask {
        @Override
        public void execute(TaskContext context) throws Exception {
            Tasks.run(context, "ALTER TABLE accounts ADD COLUMN quote_id text");
            inGatedTask.countDown();
            gate.await();
        }
    }

    private Manifest manifest() {
        return Tasks.manifest(Tasks.sql("1.0", "create", "CREATE TABLE accounts (id int)"),
                Tasks.of("1.1", "quote", new GatedTask()));
    }

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        backend = PostgresBackend.create(db.dataSource());
    }

    @AfterEach
    void stop() {
        gate.countDown();
        started.forEach(UpsilonNode::close);
    }

    private UpsilonNode start(String id, String software, UnaryOperator<UpsilonNode.Builder> settings) {
        PostgresBackend own = PostgresBackend.create(db.dataSource("upsilon:" + id));
        UpsilonConfig config = Nodes.config(own, LockKind.ADVISORY, id, manifest()).softwareVersion(v(software))
                .callback((event, context) -> {
                    if (event == UpgradeEvent.STATE_CHANGED) {
                        transitions.add(id + ":" + context.state().orElseThrow());
                    }
                }).build();
        UpsilonNode node = settings.apply(UpsilonNode.builder(config).registry(own.nodes()).feed(own.feed())
                .heartbeat(Duration.ofMillis(200)).ttl(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(500)))
                .build().start();
        started.add(node);
        return node;
    }

    private UpsilonNode start(String id, String software) {
        return start(id, software, b -> b);
    }

    private List<NodeState> states(String id) {
        return transitions.stream().filter(t -> t.startsWith(id + ":"))
                .map(t -> NodeState.valueOf(t.substring(id.length() + 1))).toList();
    }

    @Test
    void aWaitingNodeHoldsWorkUntilReadyAndRefusesAfterItsBound() throws Exception {
        assertThat(start("a", "1.0").awaitState(NodeState.READY, WAIT)).isTrue();
        UpsilonNode b = start("b", "1.1");
        assertThat(inGatedTask.await(30, TimeUnit.SECONDS)).isTrue();
        UpsilonNode c = start("c", "1.1", n -> n.holdWhileWaiting(Duration.ofSeconds(30)));
        assertThat(c.awaitState(NodeState.WAITING, WAIT)).isTrue();

        CompletableFuture<NodeState> held = CompletableFuture.supplyAsync(() -> {
            try (UpsilonNode.Work work = c.beginWork()) {
                return c.state();
            }
        });
        assertThatThrownBy(() -> c.beginWork(Duration.ofMillis(200))).as("a short bound runs out")
                .isInstanceOfSatisfying(UpsilonException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.NOT_READY));
        assertThatThrownBy(() -> c.beginWork(Duration.ZERO)).isInstanceOf(UpsilonException.class);
        assertThat(held).as("held while c waits for b's upgrade").isNotDone();
        assertThat(c.state()).as("readiness still tells the truth").isEqualTo(NodeState.WAITING);

        gate.countDown();
        assertThat(held.get(30, TimeUnit.SECONDS)).as("served once READY").isEqualTo(NodeState.READY);
        assertThat(b.awaitState(NodeState.READY, WAIT)).isTrue();
        assertThat(c.inFlight()).isZero();
    }

    @Test
    void aNodeBelowTheFenceFloorIsNeverReadyNotEvenOnce() throws Exception {
        start("new", "1.0");
        assertThat(started.get(0).awaitState(NodeState.READY, WAIT)).isTrue();
        backend.nodes().register("old-row", "h", v("0.9"), NodeState.READY, Duration.ofSeconds(30));
        Fence.apply(backend.nodes(), v("1.0"), Optional.of(manifest()), false);
        assertThat(backend.nodes().fenceFloor()).contains(v("1.0"));

        for (int round = 0; round < 5; round++) { // the race it used to lose sometimes
            UpsilonNode late = start("late" + round, "0.9", n -> n.window(io.upsilon.CompatibilityWindow.of(
                    List.of(v("0.9"), v("1.0")))));
            assertThat(late.awaitState(NodeState.FENCED, WAIT)).isTrue();
            assertThat(states("late" + round)).as("round " + round + ": " + transitions)
                    .doesNotContain(NodeState.READY).endsWith(NodeState.FENCED);
        }

        assertThat(backend.nodes().clearFence()).isTrue();
        assertThat(backend.nodes().fenceFloor()).isEmpty();
        UpsilonNode after = start("after", "0.9", n -> n.window(io.upsilon.CompatibilityWindow.of(
                List.of(v("0.9"), v("1.0")))));
        assertThat(after.awaitState(NodeState.READY, WAIT)).as("no floor: the 0.9 node serves again").isTrue();
        assertThat(backend.nodes().clearFence()).as("nothing left to clear").isFalse();
    }

    @Test
    void fencingEveryLiveNodeOrAboveTheManifestIsRefusedUnlessForced() throws Exception {
        assertThat(start("a", "1.0").awaitState(NodeState.READY, WAIT)).isTrue();
        backend.nodes().register("gone", "h", v("0.5"), NodeState.READY, Duration.ofMillis(1));
        Thread.sleep(50);

        Fence.Plan dry = Fence.check(backend.nodes(), v("1.0"), Optional.empty(), false);
        assertThat(dry.fenced()).extracting(NodeRecord::nodeId).containsExactly("gone");
        assertThat(backend.nodes().nodes()).noneMatch(NodeRecord::fenced);

        assertThatThrownBy(() -> Fence.apply(backend.nodes(), v("1.1"), Optional.empty(), false))
                .isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
                    assertThat(e.getMessage()).contains("would fence every live node (a)", "upsilon fence --yes");
                });
        Fence.Plan forced = Fence.apply(backend.nodes(), v("1.2"), Optional.of(manifest()), true); // both guards
        assertThat(forced.fenced()).extracting(NodeRecord::nodeId).containsExactlyInAnyOrder("a", "gone");
        assertThat(started.get(0).awaitState(NodeState.FENCED, WAIT)).isTrue();
        backend.nodes().clearFence();
        assertThatThrownBy(() -> Fence.apply(backend.nodes(), v("1.2"), Optional.of(manifest()), false))
                .hasMessageContaining("fence floor 1.2 is above every version of manifest test (the latest is 1.1)");
        assertThat(backend.nodes().fenceFloor()).as("refused: nothing written").isEmpty();
    }

    @Test
    void goneRowsArePrunedByARunningNode() throws Exception {
        backend.nodes().register("crashed", "h", v("1.0"), NodeState.READY, Duration.ofMillis(1));
        backend.nodes().register("recent", "h", v("1.0"), NodeState.READY, Duration.ofMillis(1));
        db.execute("UPDATE upsilon_node SET heartbeat_at = now() - interval '2 hours' WHERE node_id = 'crashed'");
        UpsilonNode a = start("a", "1.0", n -> n.pruneGoneAfter(Duration.ofHours(1)));
        assertThat(a.awaitState(NodeState.READY, WAIT)).isTrue();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (backend.nodes().nodes().stream().anyMatch(n -> n.nodeId().equals("crashed"))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(backend.nodes().nodes()).extracting(NodeRecord::nodeId).containsExactlyInAnyOrder("recent", "a");
    }

    @Test
    void theBumpEndsTheSessionsOfNodesWhoseWindowNoLongerHoldsTheData() throws Exception {
        gate.countDown();
        UpsilonNode old = start("old", "1.0");
        assertThat(old.awaitState(NodeState.READY, WAIT)).isTrue();
        try (Connection oldApp = db.dataSource("upsilon:old").getConnection();
             Connection newApp = db.dataSource("upsilon:new").getConnection()) {
            assertThat(start("new", "1.1").awaitState(NodeState.READY, WAIT)).isTrue();
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (oldApp.isValid(1) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(oldApp.isValid(1)).as("the stray node's application session was ended").isFalse();
            assertThat(newApp.isValid(1)).as("the bumping node's own sessions live").isTrue();
        }
        assertThat(old.awaitState(NodeState.FENCED, WAIT)).isTrue();
    }

    @Test
    void theSessionGuardCanBeTurnedOff() throws Exception {
        gate.countDown();
        assertThat(start("old", "1.0").awaitState(NodeState.READY, WAIT)).isTrue();
        try (Connection oldApp = db.dataSource("upsilon:old").getConnection()) {
            UpsilonNode bumper = start("new", "1.1", n -> n.terminateStraySessions(false));
            assertThat(bumper.awaitState(NodeState.READY, WAIT)).isTrue();
            assertThat(started.get(0).awaitState(NodeState.FENCED, WAIT)).isTrue();
            assertThat(oldApp.isValid(1)).as("off: the session lives").isTrue();
        }
    }
}
