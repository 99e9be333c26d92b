package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.NodeState;
import io.upsilon.TaskContext;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.spi.ClusterLock;
import io.upsilon.spi.LockInfo;
import io.upsilon.spi.NodeRecord;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Readiness tied to the data version, in one JVM: waiting, notification, fencing by version and by operator. */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class NodeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private TestDatabase db;
    private final List<UpsilonNode> started = new ArrayList<>();
    private final CountDownLatch gate = new CountDownLatch(1);
    private final CountDownLatch inGatedTask = new CountDownLatch(1);

    /** What a node did, with monotonic times so latencies between nodes of this JVM can be reported. */
    record Seen(String node, UpgradeEvent event, NodeState state, Version version, long nanos) {
    }

    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    /** The 1.1 task: waits until the test opens the gate, so other nodes can start during the upgrade. */
    final class GatedTask extends BaseUpgradeTask {
        @Override
        public void execute(TaskContext context) throws Exception {
            Tasks.run(context, "ALTER TABLE accounts ADD COLUMN quote_id text");
            inGatedTask.countDown();
            gate.await();
        }
    }

    private Manifest manifest() {
        return Tasks.manifest(
                Tasks.sql("0.9", "create", "CREATE TABLE accounts (id int)"),
                Tasks.sql("1.0", "note", "ALTER TABLE accounts ADD COLUMN note text"),
                Tasks.of("1.1", "quote", new GatedTask()));
    }

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
    }

    @AfterEach
    void stopNodes() {
        started.forEach(UpsilonNode::close);
    }

    private UpsilonNode start(String id, String software) {
        PostgresBackend backend = PostgresBackend.create(db.dataSource("upsilon:" + id));
        UpsilonConfig config = Nodes.config(backend, LockKind.ADVISORY, id, manifest())
                .softwareVersion(Version.parse(software))
                .callback((event, context) -> seen.add(new Seen(id, event, context.state().orElse(null),
                        context.version().orElse(null), System.nanoTime())))
                .build();
        UpsilonNode node = UpsilonNode.builder(config).registry(backend.nodes()).feed(backend.feed())
                .heartbeat(Duration.ofMillis(200)).ttl(Duration.ofSeconds(2))
                .pollInterval(Duration.ofSeconds(5)) // long, so a quick READY can only come from NOTIFY
                .build().start();
        started.add(node);
        return node;
    }

    /** Until no node holds the lock: a node serves at its bump's commit, a moment before it releases the lock. */
    private void awaitLockReleased() throws InterruptedException {
        ClusterLock lock = PostgresBackend.create(db.dataSource()).lock(LockKind.ADVISORY, "observer");
        while (lock.inspect().flatMap(LockInfo::holder).isPresent()) {
            Thread.sleep(10);
        }
    }

    private List<NodeState> states(String node) {
        return seen.stream().filter(s -> s.node().equals(node) && s.event() == UpgradeEvent.STATE_CHANGED)
                .map(Seen::state).toList();
    }

    private long firstNanos(String node, UpgradeEvent event, NodeState state) {
        return seen.stream().filter(s -> s.node().equals(node) && s.event() == event && s.state() == state)
                .mapToLong(Seen::nanos).findFirst().orElseThrow();
    }

    @Test
    void newNodesUpgradeOrWaitOldNodesAreFencedAndLateOldNodesNeverGetReady() throws Exception {
        UpsilonNode a = start("a", "1.0");
        assertThat(a.awaitState(NodeState.READY, WAIT)).isTrue();
        a.checkWritable();
        awaitLockReleased(); // else b may find it still held (and wait) rather than upgrade

        UpsilonNode b = start("b", "1.1");
        assertThat(inGatedTask.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(b.state()).isEqualTo(NodeState.UPGRADING);
        assertThat(a.state()).isEqualTo(NodeState.READY); // the old node serves while the upgrade runs

        UpsilonNode c = start("c", "1.1");
        assertThat(c.awaitState(NodeState.WAITING, WAIT)).isTrue();
        assertThatThrownBy(c::checkWritable).isInstanceOfSatisfying(UpsilonException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_READY));

        long opened = System.nanoTime(); // the task, and so the bump, cannot commit before its gate opens
        gate.countDown();
        assertThat(b.awaitState(NodeState.READY, WAIT)).isTrue();
        assertThat(c.awaitState(NodeState.READY, WAIT)).isTrue();
        assertThat(a.awaitState(NodeState.FENCED, WAIT)).isTrue();
        assertThatThrownBy(a::checkWritable).isInstanceOfSatisfying(UpsilonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.FENCED);
            assertThat(e.code().httpStatus()).isEqualTo(503);
        }).hasMessageContaining("data version 1.1 is newer than software 1.0 serves");

        assertThat(states("a")).containsExactly(NodeState.UP, NodeState.UPGRADING, NodeState.READY, NodeState.FENCED);
        assertThat(states("b")).containsExactly(NodeState.UP, NodeState.UPGRADING, NodeState.READY);
        assertThat(states("c")).containsExactly(NodeState.UP, NodeState.WAITING, NodeState.READY);
        // c may take the free lock in the instant after b released it, but then finds the work done: no task runs
        assertThat(seen).filteredOn(s -> s.node().equals("c")).extracting(Seen::event)
                .doesNotContain(UpgradeEvent.BEFORE_TASK, UpgradeEvent.AFTER_TASK);
        long bumped = seen.stream().filter(s -> s.node().equals("b") && s.event() == UpgradeEvent.VERSION_CHANGED
                && Version.parse("1.1").equals(s.version())).mapToLong(Seen::nanos).findFirst().orElseThrow();
        long cReady = firstNanos("c", UpgradeEvent.STATE_CHANGED, NodeState.READY);
        long aFenced = firstNanos("a", UpgradeEvent.STATE_CHANGED, NodeState.FENCED);
        // b's VERSION_CHANGED callback runs after the commit, while the commit's notification already wakes c and a:
        // they may act before b's callback, never before the task could commit
        assertThat(cReady).isGreaterThan(opened);
        assertThat(aFenced).isGreaterThan(opened);
        System.out.printf("WAITING node READY %.1f ms after the bump; old node FENCED %.1f ms after it (poll 5 s)%n",
                (cReady - bumped) / 1e6, (aFenced - bumped) / 1e6);

        UpsilonNode late = start("late", "1.0");
        assertThat(late.awaitState(NodeState.FENCED, WAIT)).isTrue();
        assertThat(states("late")).doesNotContain(NodeState.READY);
        assertThat(db.queryOne("SELECT count(DISTINCT node_id) FROM upsilon_history WHERE version = '1.1'"))
                .isEqualTo(1L);
    }

    @Test
    void theNodeThatUpgradesIsReadyOnceTheDataIsCommittedBeforeItReleasesTheLock() throws Exception {
        gate.countDown();
        UpsilonNode b = start("b", "1.1");
        assertThat(b.awaitState(NodeState.READY, WAIT)).isTrue();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (seen.stream().noneMatch(s -> s.event() == UpgradeEvent.LOCK_RELEASED) && System.nanoTime() < deadline) {
            Thread.sleep(10); // the node is READY already; its lock's release follows
        }
        List<String> order = new ArrayList<>();
        for (Seen s : seen) {
            if (s.event() == UpgradeEvent.UPGRADE_COMPLETED || s.event() == UpgradeEvent.LOCK_RELEASED
                    || s.event() == UpgradeEvent.STATE_CHANGED && s.state() == NodeState.READY) {
                order.add(s.event() == UpgradeEvent.STATE_CHANGED ? "READY" : s.event().name());
            }
        }
        // READY must not wait for the release history and the lock's release: waiting nodes are already READY then
        assertThat(order).containsExactly("UPGRADE_COMPLETED", "READY", "LOCK_RELEASED");
    }

    @Test
    void aChangeFeedListenerIsCalledOnceItListensSoAChangeBeforeThatIsNotMissedUntilThePoll() throws Exception {
        PostgresBackend backend = PostgresBackend.create(db.dataSource("feed"));
        CountDownLatch called = new CountDownLatch(1);
        // a poll interval far beyond the test's timeout: the call can only come from the subscription itself
        try (AutoCloseable subscription = backend.feed().subscribe(io.upsilon.spi.ChangeFeed.Topic.DATA_VERSION,
                Duration.ofHours(1), called::countDown)) {
            assertThat(called.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aDataVersionNotificationCarriesTheCommittedVersion() throws Exception {
        PostgresBackend backend = PostgresBackend.create(db.dataSource("feed"));
        List<java.util.Optional<String>> payloads = new CopyOnWriteArrayList<>();
        CountDownLatch announced = new CountDownLatch(1);
        try (AutoCloseable subscription = backend.feed().subscribeWithPayload(
                io.upsilon.spi.ChangeFeed.Topic.DATA_VERSION, Duration.ofHours(1), payload -> {
                    payloads.add(payload);
                    if (payload.equals(java.util.Optional.of("1.1"))) {
                        announced.countDown();
                    }
                })) {
            while (payloads.isEmpty()) {
                Thread.sleep(10); // the first call says the LISTEN is in place
            }
            gate.countDown();
            Nodes.node(db, "upgrader", manifest()).upgrade();
            assertThat(announced.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        }
        // each bump announces its version, in commit order (a batch read at once gives its newest)
        assertThat(payloads).filteredOn(java.util.Optional::isPresent).extracting(java.util.Optional::get)
                .isSubsetOf("0.9", "1.0", "1.1").isSorted();
    }

    @Test
    void theNodeTableShowsEveryNodeAndAnOperatorCanFenceOldOnesAndEndTheirSessions() throws Exception {
        gate.countDown();
        UpsilonNode a = start("old", "1.0");
        assertThat(a.awaitState(NodeState.READY, WAIT)).isTrue();
        PostgresBackend admin = PostgresBackend.create(db.dataSource("admin"));
        List<NodeRecord> nodes = admin.nodes().nodes();
        assertThat(nodes).singleElement().satisfies(n -> {
            assertThat(n.nodeId()).isEqualTo("old");
            assertThat(n.softwareVersion()).isEqualTo(Version.parse("1.0"));
            assertThat(n.gone()).isFalse();
        });
        // a session of the old node, as its application would hold one
        try (var session = db.dataSource("upsilon:old").getConnection()) {
            List<NodeRecord> fenced = admin.nodes().fenceBelow(Version.parse("1.1"));
            assertThat(fenced).extracting(NodeRecord::nodeId).containsExactly("old");
            assertThat(a.awaitState(NodeState.FENCED, WAIT)).isTrue();
            assertThat(admin.nodes().terminateSessions(List.of("old"))).isPositive();
            assertThat(session.isValid(2)).isFalse();
        }
        assertThat(admin.nodes().nodes()).singleElement().satisfies(n -> {
            assertThat(n.fenced()).isTrue();
            assertThat(n.state()).isEqualTo(NodeState.FENCED); // written at the transition, not a beat later
        });
        // the fence outlives the node: the same old version, restarted under the same id, is fenced again
        a.close();
        started.remove(a);
        UpsilonNode again = start("old", "1.0");
        assertThat(again.awaitState(NodeState.FENCED, WAIT)).isTrue();
        // the event is published just after the state changes
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (states("old").lastIndexOf(NodeState.FENCED) < states("old").lastIndexOf(NodeState.UP)
                && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(states("old")).containsSubsequence(NodeState.READY, NodeState.FENCED, NodeState.UP,
                NodeState.FENCED);
    }

    @Test
    void aNodeWhoseHeartbeatStoppedIsShownAsGone() throws Exception {
        PostgresBackend admin = PostgresBackend.create(db.dataSource("admin"));
        admin.nodes().register("ghost", "h", Version.parse("1.0"), NodeState.READY, Duration.ofMillis(300));
        assertThat(admin.nodes().nodes()).singleElement().extracting(NodeRecord::gone).isEqualTo(false);
        Thread.sleep(600);
        assertThat(admin.nodes().nodes()).singleElement().extracting(NodeRecord::gone).isEqualTo(true);
    }
}
