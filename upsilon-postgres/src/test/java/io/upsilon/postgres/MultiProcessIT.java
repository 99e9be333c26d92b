package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.postgres.process.NodeMain;
import io.upsilon.testsupport.JavaProcess;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Nodes as separate JVMs: racing the same upgrade, killed with {@code kill -9} inside a transactional task, and
 * paused with {@code SIGSTOP} past their lease. The measured takeover times are printed.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class MultiProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private TestDatabase db;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
    }

    private JavaProcess node(LockKind kind, String id, long ttlMillis, long slowMillis) {
        return JavaProcess.start(NodeMain.class, db.jdbcUrl(), kind.name(), id, Long.toString(ttlMillis),
                Long.toString(slowMillis));
    }

    private static long epochOf(String eventLine) {
        return Long.parseLong(eventLine.split(" ")[2]);
    }

    @Test
    void fourProcessesRaceTheSameUpgradeAndEachTaskRunsOnce() throws Exception {
        List<JavaProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                nodes.add(node(LockKind.ADVISORY, "p" + i, 30_000, 300));
            }
            for (JavaProcess p : nodes) {
                assertThat(p.waitFor(WAIT)).as(p.output()).contains(0);
            }
        } finally {
            nodes.forEach(JavaProcess::close);
        }
        assertThat(db.queryOne("SELECT count(*) FROM runs")).isEqualTo(2L);
        assertThat(db.queryOne("SELECT count(DISTINCT node) FROM runs")).isEqualTo(1L);
        assertThat(db.queryOne("SELECT version FROM upsilon_data_version")).isEqualTo("1.1");
        assertThat(db.queryOne("SELECT count(*) FROM upsilon_history WHERE status = 'SUCCEEDED'")).isEqualTo(3L);
    }

    @Test
    void killingTheAdvisoryHolderMidTaskLeavesNothingAndTheNextNodeTakesOverWithinTwoSeconds() throws Exception {
        assertKilledHolderIsReplaced(LockKind.ADVISORY, 30_000, Duration.ofSeconds(2));
    }

    @Test
    void killingTheLeaseHolderMidTaskIsRecoveredWithinTtlPlusOneHeartbeat() throws Exception {
        long ttl = 3_000;
        assertKilledHolderIsReplaced(LockKind.LEASE, ttl, Duration.ofMillis(ttl + ttl / 3));
    }

    private void assertKilledHolderIsReplaced(LockKind kind, long ttl, Duration bound) throws Exception {
        try (JavaProcess holder = node(kind, "victim", ttl, 120_000)) {
            assertThat(holder.awaitLine("IN_TASK", WAIT)).as(holder.output()).isPresent();
            try (JavaProcess next = node(kind, "successor", ttl, 0)) {
                assertThat(next.awaitLine("EVENT LOCK_WAITING", WAIT)).as(next.output()).isPresent();
                Thread.sleep(300); // let the successor reach its blocking wait
                long killedAt = System.currentTimeMillis();
                holder.kill9();
                String acquired = next.awaitLine("EVENT LOCK_ACQUIRED", WAIT).orElseThrow(
                        () -> new AssertionError(next.output()));
                long takeover = epochOf(acquired) - killedAt;
                System.out.printf("[%s] takeover after kill -9: %d ms (bound %d ms)%n", kind, takeover,
                        bound.toMillis());
                assertThat(next.waitFor(WAIT)).as(next.output()).contains(0);
                assertThat(takeover).isLessThan(bound.toMillis());
            }
        }
        // nothing of the killed node's transactional task remains
        assertThat(db.queryOne("SELECT count(*) FROM runs WHERE node = 'victim'")).isEqualTo(0L);
        assertThat(db.queryOne("SELECT string_agg(task, ',' ORDER BY task) FROM runs")).isEqualTo("quick,slow");
        assertThat(db.queryOne("SELECT count(*) FROM upsilon_history WHERE node_id = 'victim'")).isEqualTo(1L);
        assertThat(db.queryOne("SELECT version FROM upsilon_data_version")).isEqualTo("1.1");
    }

    @Test
    void aLeaseHolderPausedPastItsLeaseIsFencedWhenItResumes() throws Exception {
        long ttl = 2_000;
        try (JavaProcess paused = node(LockKind.LEASE, "paused", ttl, 1_500)) {
            assertThat(paused.awaitLine("IN_TASK", WAIT)).as(paused.output()).isPresent();
            paused.signal("STOP");
            try (JavaProcess next = node(LockKind.LEASE, "successor", ttl, 0)) {
                assertThat(next.waitFor(WAIT)).as(next.output()).contains(0);
            }
            paused.signal("CONT");
            assertThat(paused.waitFor(WAIT)).as(paused.output()).contains(1);
            assertThat(paused.output()).contains("ERROR FENCED");
        }
        assertThat(db.queryOne("SELECT count(*) FROM runs WHERE node = 'paused'")).isEqualTo(0L);
        assertThat(db.queryOne("SELECT string_agg(node, ',') FROM runs")).isEqualTo("successor,successor");
        assertThat(db.queryOne("SELECT count(*) FROM upsilon_history WHERE node_id = 'paused' AND status"
                + " = 'SUCCEEDED'")).isEqualTo(1L); // only its first task, committed before the pause
    }
}
