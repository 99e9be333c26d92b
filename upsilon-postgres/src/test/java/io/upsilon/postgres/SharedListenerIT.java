package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.NodeState;
import io.upsilon.UpsilonNode;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.spi.ChangeFeed.Topic;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The LISTEN feed of one process holds one listening session per database and channel, whatever the number of
 * subscribers: each subscriber hears every notification's payload, one leaving does not stop the others, the
 * session closes with the last one, it is reopened when the server ends it, and it is the process's, not a node's,
 * so ending a node's sessions leaves it alone. A fenced node closes its subscription.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedListenerIT {

    private static final Duration NEVER = Duration.ofHours(1);

    private TestDatabase db;
    private String channel;

    @BeforeEach
    void database() {
        db = PostgresFixture.newDatabase();
        channel = PostgresSettings.defaults().versionChannel();
    }

    private static final class Heard {
        final List<Optional<String>> payloads = new CopyOnWriteArrayList<>();
        AutoCloseable subscription;

        boolean heard(String payload) {
            return payloads.contains(Optional.of(payload));
        }
    }

    private Heard subscribe(String nodeId, Duration poll) {
        Heard heard = new Heard();
        heard.subscription = PostgresBackend.create(db.dataSource("upsilon:" + nodeId)).feed()
                .subscribeWithPayload(Topic.DATA_VERSION, poll, heard.payloads::add);
        return heard;
    }

    @Test
    void subscribersShareOneSessionThatOutlivesAnyOneOfThemAndEndsWithTheLast() throws Exception {
        List<Heard> all = new ArrayList<>();
        for (String id : List.of("la", "lb", "lc")) {
            all.add(subscribe(id, NEVER));
        }
        announceUntil("2.0", () -> all.stream().allMatch(h -> h.heard("2.0")));
        assertThat(listening()).as("listening sessions of the three subscriptions").hasSize(1);
        assertThat(db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name LIKE 'upsilon:l%'")).as("sessions tagged with a node's id").isEqualTo(0L);

        Heard leaving = all.remove(0);
        leaving.subscription.close();
        announceUntil("2.1", () -> all.stream().allMatch(h -> h.heard("2.1")));
        assertThat(leaving.payloads).as("what the subscriber heard after it left").doesNotContain(Optional.of("2.1"));
        assertThat(listening()).as("listening sessions once one subscriber left").hasSize(1);

        for (Heard h : all) {
            h.subscription.close();
        }
        await(() -> listening().isEmpty());
    }

    @Test
    void aSessionEndedByTheServerIsReopenedAndEndingANodesSessionsLeavesItAlone() throws Exception {
        Heard a = subscribe("ra", Duration.ofMillis(100));
        Heard b = subscribe("rb", Duration.ofMillis(100));
        try {
            announceUntil("3.0", () -> a.heard("3.0") && b.heard("3.0"));
            int first = listening().get(0);

            // fencing node ra ends its tagged sessions: not the process's listener
            PostgresBackend.create(db.dataSource("upsilon:admin")).nodes().terminateSessions(List.of("ra", "rb"));
            assertThat(listening()).as("the listener after ending the nodes' sessions").containsExactly(first);

            db.queryOne("SELECT pg_terminate_backend(" + first + ")");
            await(() -> !listening().isEmpty() && !listening().contains(first));
            announceUntil("3.1", () -> a.heard("3.1") && b.heard("3.1"));
            assertThat(listening()).as("listening sessions after the reconnect").hasSize(1);
        } finally {
            a.subscription.close();
            b.subscription.close();
        }
    }

    @Test
    void pollingCallsCarryTheDataVersionReadOnTheListeningConnection() throws Exception {
        Nodes.node(db, "setup", Tasks.manifest(Tasks.sql("1.0", "one", "SELECT 1"))).upgrade();
        Heard a = subscribe("va", Duration.ofMillis(50));
        Heard b = subscribe("vb", Duration.ofMillis(50));
        try {
            await(() -> a.heard("1.0") && b.heard("1.0")); // no announcement: only polling calls come
            assertThat(listening()).as("listening sessions").hasSize(1);
        } finally {
            a.subscription.close();
            b.subscription.close();
        }
    }

    @Test
    void aFencedNodeClosesItsSubscription() throws Exception {
        Nodes.node(db, "setup", Tasks.manifest(Tasks.sql("1.0", "one", "SELECT 1"))).upgrade();
        PostgresBackend backend = PostgresBackend.create(db.dataSource("upsilon:fa"));
        try (UpsilonNode node = UpsilonNode.builder(Nodes.config(backend, LockKind.ADVISORY, "fa",
                        Tasks.manifest(Tasks.sql("1.0", "one", "SELECT 1"))).build())
                .registry(backend.nodes()).feed(backend.feed()).heartbeat(Duration.ofMillis(100)).build().start()) {
            assertThat(node.awaitState(NodeState.READY, Duration.ofSeconds(30))).as("node READY").isTrue();
            // the listening session opens on the listener's own thread: READY does not wait for it (the node polls
            // until it listens)
            await(() -> !listening().isEmpty());
            assertThat(listening()).as("the node's listening session").hasSize(1);
            backend.nodes().fenceBelow(Nodes.v("2.0"));
            assertThat(node.awaitState(NodeState.FENCED, Duration.ofSeconds(30))).as("node FENCED").isTrue();
            await(() -> listening().isEmpty());
        }
    }

    /** The pids of this database's shared listening sessions. */
    private List<Integer> listening() {
        List<Integer> pids = new ArrayList<>();
        try (Connection c = db.dataSource("upsilon:probe").getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT pid FROM pg_stat_activity WHERE datname ="
                     + " current_database() AND application_name = ?")) {
            ps.setString(1, "upsilon-listen:" + ProcessHandle.current().pid());
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    pids.add(rs.getInt(1));
                }
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return pids;
    }

    private void announceUntil(String payload, BooleanSupplier heard) throws Exception {
        while (!heard.getAsBoolean()) {
            try (Connection c = db.dataSource("upsilon:announcer").getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, channel);
                ps.setString(2, payload);
                ps.executeQuery().close();
            }
            Thread.sleep(50);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        while (!condition.getAsBoolean()) {
            Thread.sleep(20);
        }
    }
}
