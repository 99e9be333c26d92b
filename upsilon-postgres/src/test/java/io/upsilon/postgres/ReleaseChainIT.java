package io.upsilon.postgres;

import static io.upsilon.postgres.Nodes.v;
import static io.upsilon.postgres.Tasks.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.NodeState;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.release.PlannedChain;
import io.upsilon.release.Release;
import io.upsilon.release.ReleasePlanner;
import io.upsilon.release.ReleaseRollback;
import io.upsilon.release.ReleaseSet;
import io.upsilon.spi.ReleaseRecord;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The release history records every release, also those that change no data, once each, when its first node serves;
 * {@link ReleaseRollback} runs the reverse chain: nodes first, then the data, then the release is recorded.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class ReleaseChainIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The quoteId chain of seed 002: releases 1.0.2 and 2.0.0 bring no data version of their own. */
    private static final ReleaseSet RELEASES = ReleaseSet.of("test", List.of(
            Release.of("1.0.0", List.of("v1"), "1.0.0", "1.0.0", "1.0.1"),
            Release.of("1.0.1", List.of("v1"), "1.0.1", "1.0.0", "1.0.1"),
            Release.of("1.0.2", List.of("v1", "v2"), "1.0.1", "1.0.1"),
            Release.of("2.0.0", List.of("v2"), "1.0.1", "1.0.1", "2.0.0"),
            Release.of("2.0.1", List.of("v2"), "2.0.0", "1.0.1", "2.0.0")));

    private final Manifest manifest = Tasks.manifest(
            sql("1.0.0", "create", "CREATE TABLE transfer (id int PRIMARY KEY)", "DROP TABLE transfer"),
            sql("1.0.1", "add-quote-id", "ALTER TABLE transfer ADD COLUMN quote_id text",
                    "ALTER TABLE transfer DROP COLUMN quote_id"),
            sql("2.0.0", "backfill", "UPDATE transfer SET quote_id = 'q' || id WHERE quote_id IS NULL",
                    "UPDATE transfer SET quote_id = NULL WHERE quote_id = 'q' || id"),
            sql("2.0.0", "not-null", "ALTER TABLE transfer ALTER COLUMN quote_id SET NOT NULL",
                    "ALTER TABLE transfer ALTER COLUMN quote_id DROP NOT NULL"));

    private TestDatabase db;
    private PostgresBackend backend;
    private final List<UpsilonNode> started = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        backend = PostgresBackend.create(db.dataSource());
    }

    @AfterEach
    void stop() {
        started.forEach(UpsilonNode::close);
    }

    /** A node of {@code release}, whose engine version is the release's data version (as the example runs). */
    private UpsilonNode node(String id, String release) {
        Release r = RELEASES.get(v(release));
        PostgresBackend own = PostgresBackend.create(db.dataSource("upsilon:" + id));
        UpsilonConfig config = Nodes.config(own, LockKind.ADVISORY, id, manifest).softwareVersion(r.dataVersion())
                .release(r.version()).build();
        UpsilonNode node = UpsilonNode.builder(config).registry(own.nodes()).feed(own.feed())
                .window(r.compatibilityWindow()).heartbeat(Duration.ofMillis(200)).ttl(Duration.ofSeconds(2))
                .pollInterval(Duration.ofMillis(200)).build().start();
        started.add(node);
        return node;
    }

    private UpsilonNode ready(String id, String release) throws InterruptedException {
        UpsilonNode node = node(id, release);
        assertThat(node.awaitState(NodeState.READY, WAIT)).as(id + " READY").isTrue();
        return node;
    }

    private List<String> history() {
        return backend.store().releases().stream().map(r -> r.softwareVersion().toString()).toList();
    }

    private void rollTo(String release) throws InterruptedException {
        List<UpsilonNode> old = new ArrayList<>(started);
        ready("n-" + release, release);
        old.forEach(UpsilonNode::close);
        started.removeAll(old);
    }

    @Test
    void everyReleaseIsRecordedOnceAlsoWithoutADataChange() throws Exception {
        ready("a", "1.0.0");
        rollTo("1.0.1");
        rollTo("1.0.2"); // no data change: recorded by its first node once it serves
        // four nodes of 2.0.0 turn READY together: one row
        List<UpsilonNode> four = List.of(node("b1", "2.0.0"), node("b2", "2.0.0"), node("b3", "2.0.0"),
                node("b4", "2.0.0"));
        for (UpsilonNode n : four) {
            assertThat(n.awaitState(NodeState.READY, WAIT)).isTrue();
        }
        assertThat(history()).containsExactly("1.0.0", "1.0.1", "1.0.2", "2.0.0");

        ready("stray", "1.0.2"); // an older release that (re)starts does not become the current one
        assertThat(history()).containsExactly("1.0.0", "1.0.1", "1.0.2", "2.0.0");

        ready("c", "2.0.1");
        // the upgrading node serves at the bump's commit; its release row follows right after
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (history().size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        List<ReleaseRecord> rows = backend.store().releases();
        assertThat(history()).containsExactly("1.0.0", "1.0.1", "1.0.2", "2.0.0", "2.0.1");
        assertThat(rows.get(2).dataVersion()).contains(v("1.0.1"));
        assertThat(rows.get(4).dataVersion()).contains(v("2.0.0"));
        assertThat(rows.get(4).nodeId()).isEqualTo("c");
    }

    @Test
    void rollbackReplacesNodesThenUndoesTheDataStepByStep() throws Exception {
        ready("a", "1.0.0");
        db.execute("INSERT INTO transfer (id) VALUES (1), (2)");
        for (String r : List.of("1.0.1", "1.0.2", "2.0.0", "2.0.1")) {
            rollTo(r);
        }
        db.execute("INSERT INTO transfer (id, quote_id) VALUES (3, 'from-a-v2-client')");

        Upsilon upsilon = Upsilon.create(Nodes.config(backend, LockKind.ADVISORY, "operator", manifest).build());
        ReleaseRollback rollback = new ReleaseRollback(new ReleasePlanner(RELEASES), upsilon);
        PlannedChain chain = rollback.plan(v("1.0.0"));
        assertThat(chain.steps()).extracting(s -> s.from().version() + ">" + s.to().version())
                .containsExactly("2.0.1>2.0.0", "2.0.0>1.0.2", "1.0.2>1.0.1", "1.0.1>1.0.0");
        assertThat(ReleaseRollback.order(chain.steps().get(0))).startsWith("replace each node of 2.0.1 by a node"
                + " of 2.0.0").endsWith("then roll the data back 2.0.0 -> 1.0.1: not-null, backfill");

        List<String> seen = new ArrayList<>();
        rollback.run(chain, step -> {
            // the nodes go first: at this point the data is still the later release's
            seen.add(step.to().version() + " on data " + backend.store().dataVersion().orElseThrow());
            rollTo(step.to().version().toString());
            assertThat(rollback.awaitNodesAtMost(backend.nodes(), step.dataAfter(), WAIT)).isEmpty();
        });
        assertThat(seen).containsExactly("2.0.0 on data 2.0.0", "1.0.2 on data 1.0.1", "1.0.1 on data 1.0.1",
                "1.0.0 on data 1.0.1");
        assertThat(backend.store().dataVersion()).contains(v("1.0.0"));
        assertThat(db.queryOne("SELECT count(*) FROM information_schema.columns WHERE table_name = 'transfer'"
                + " AND column_name = 'quote_id'")).isEqualTo(0L);
        assertThat(history()).containsExactly("1.0.0", "1.0.1", "1.0.2", "2.0.0", "2.0.1", "2.0.0", "1.0.2",
                "1.0.1", "1.0.0");
        assertThat(started).singleElement().satisfies(n -> assertThat(n.state()).isEqualTo(NodeState.READY));
        assertThat(rollback.plan(v("1.0.0")).isEmpty()).as("the current release is now 1.0.0").isTrue();
    }

    @Test
    void aNodeStillAboveTheStepsDataIsReportedAndAStepWithoutRollbackIsRefused() throws Exception {
        ready("a", "2.0.1");
        Upsilon upsilon = Upsilon.create(Nodes.config(backend, LockKind.ADVISORY, "operator", manifest).build());
        ReleaseRollback rollback = new ReleaseRollback(new ReleasePlanner(RELEASES), upsilon);
        assertThat(rollback.awaitNodesAtMost(backend.nodes(), v("1.0.1"), Duration.ofMillis(300)))
                .extracting(r -> r.nodeId()).containsExactly("a");
        List<String> announced = new ArrayList<>();
        java.util.Optional<Version> data = backend.store().dataVersion();
        PlannedChain back = rollback.plan(v("1.0.0"));
        assertThatThrownBy(() -> rollback.run(back, rollback.awaitingReplacement(backend.nodes(),
                Duration.ofMillis(300), step -> announced.add(step.from().version() + " -> " + step.to().version()))))
                .as("a node left above the step's data version stops the rollback before its data")
                .isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_READY);
                    assertThat(e.getMessage()).contains("step 1 (2.0.1 -> 2.0.0): 1 node [a] still run a data"
                            + " version above", "after 300 ms", "replace them with release 2.0.0");
                });
        assertThat(announced).containsExactly("2.0.1 -> 2.0.0");
        assertThat(backend.store().dataVersion()).isEqualTo(data);

        Manifest irreversible = Tasks.manifest(manifest.allTasks().stream()
                .map(t -> t.name().equals("backfill") ? sql("2.0.0", "backfill", "SELECT 1") : t).toArray(
                        io.upsilon.TaskDefinition[]::new));
        ReleaseRollback refused = new ReleaseRollback(new ReleasePlanner(RELEASES), Upsilon.create(
                Nodes.config(backend, LockKind.ADVISORY, "operator", irreversible).build()));
        assertThatThrownBy(() -> refused.plan(v("1.0.0"))).isInstanceOfSatisfying(UpsilonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NO_SAFE_CHAIN);
            assertThat(e.getMessage()).contains("cannot roll back 2.0.1 -> 2.0.0", "task backfill",
                    "has no rollback", "add a rollback to it");
        });
        assertThat(backend.store().dataVersion()).contains(v("2.0.0"));
    }
}
