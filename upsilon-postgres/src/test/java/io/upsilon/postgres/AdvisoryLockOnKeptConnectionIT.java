package io.upsilon.postgres;

import static io.upsilon.postgres.Nodes.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.NodeState;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.spi.ClusterLock;
import io.upsilon.spi.LockGrant;
import io.upsilon.spi.NodeRegistry;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A waiting node tries the advisory lock on the connection its registry keeps until it serves: a refused attempt
 * (and the data-version read before it) costs statements, not sessions; a granted one turns that session into the
 * grant's, which is never kept again; a holder whose session ends is still taken over, and a kept session the server
 * ended is replaced for the attempt.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AdvisoryLockOnKeptConnectionIT {

    private static final Duration TTL = Duration.ofSeconds(30);

    private TestDatabase db;

    @BeforeEach
    void freshDatabase() {
        db = PostgresFixture.newDatabase();
        PostgresBackend.create(db.dataSource()).store().prepare();
    }

    /** A backend for node {@code id} whose sessions are counted and tagged {@code upsilon:ID}. */
    private Node waitingNode(String id) {
        CountingDataSource sessions = new CountingDataSource(db.dataSource("upsilon:" + id));
        PostgresBackend backend = PostgresBackend.create(sessions);
        NodeRegistry registry = backend.nodes();
        registry.register(id, "localhost", v("1.1"), NodeState.WAITING, TTL);
        return new Node(id, sessions, backend, registry, backend.lock(LockKind.ADVISORY, id));
    }

    private record Node(String id, CountingDataSource sessions, PostgresBackend backend, NodeRegistry registry,
                        ClusterLock lock) {
    }

    private long sessionsTagged(String id) {
        return (Long) db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE application_name = 'upsilon:" + id
                + "'");
    }

    /** Ends node {@code id}'s sessions as an operator does (on a session of its own) and waits until they are gone. */
    private int endSessions(String id) throws InterruptedException {
        int ended = PostgresBackend.create(db.dataSource()).nodes().terminateSessions(List.of(id));
        while (sessionsTagged(id) > 0) {
            Thread.sleep(20);
        }
        return ended;
    }

    @Test
    void refusedAttemptsRunOnTheKeptSessionAndAGrantTakesIt() {
        Node a = waitingNode("a");
        Node b = waitingNode("b");
        try (LockGrant held = a.lock().acquire(Duration.ZERO).orElseThrow()) {
            assertThat(a.sessions().opened()).as("a's grant is on the session of its registration").isEqualTo(1);
            for (int i = 0; i < 10; i++) {
                assertThat(b.backend().store().dataVersion()).isEmpty();
                assertThat(b.lock().acquire(Duration.ZERO)).isEmpty();
            }
            assertThat(b.lock().acquire(Duration.ofMillis(200))).as("a wait that times out").isEmpty();
            assertThat(b.sessions().opened()).as("b's reads and attempts, all on its kept session").isEqualTo(1);
            assertThat(held.isHeld()).isTrue();
        }
        try (LockGrant grant = b.lock().acquire(Duration.ZERO).orElseThrow()) {
            assertThat(b.sessions().opened()).isEqualTo(1);
            assertThat(db.queryOne("SELECT holder_pid = (SELECT pid FROM pg_stat_activity WHERE application_name ="
                    + " 'upsilon:b') FROM upsilon_lock")).as("the grant holds the kept session").isEqualTo(true);
            // the grant's session is b's now: the registry keeps a new one, which must not hold the lock
            b.registry().heartbeat("b", NodeState.UPGRADING, 0);
            assertThat(b.sessions().opened()).isEqualTo(2);
            assertThat(b.backend().lock(LockKind.ADVISORY, "b2").acquire(Duration.ZERO)).as("not re-entrant")
                    .isEmpty();
            assertThat(grant.isHeld()).isTrue();
        }
    }

    @Test
    void aHolderWhoseSessionEndsIsTakenOver() throws Exception {
        Node a = waitingNode("a");
        Node b = waitingNode("b");
        LockGrant dead = a.lock().acquire(Duration.ZERO).orElseThrow();
        assertThat(b.lock().acquire(Duration.ZERO)).isEmpty();
        assertThat(endSessions("a")).as("a's grant holds its only session").isEqualTo(1);
        Optional<LockGrant> next = b.lock().acquire(Duration.ZERO);
        assertThat(next).as("taken over on b's kept session").isPresent();
        try (LockGrant grant = next.get()) {
            assertThat(grant.fencingToken()).isGreaterThan(dead.fencingToken());
            assertThat(dead.isHeld()).isFalse();
            assertThat(b.sessions().opened()).isEqualTo(1);
        }
        dead.close();
    }

    @Test
    void aKeptSessionTheServerEndedIsReplacedForTheAttempt() throws Exception {
        Node b = waitingNode("b");
        assertThat(endSessions("b")).as("the kept session").isEqualTo(1);
        try (LockGrant grant = b.lock().acquire(Duration.ZERO).orElseThrow()) {
            assertThat(b.sessions().opened()).as("the kept session, then a new one").isEqualTo(2);
            assertThat(grant.isHeld()).isTrue();
        }
    }
}
