package io.upsilon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.reliability.node.Fingerprint;
import io.upsilon.reliability.node.Gate;
import io.upsilon.reliability.node.NodeOptions;
import io.upsilon.reliability.node.NodeProcess;
import io.upsilon.reliability.node.Scenarios;
import io.upsilon.reliability.node.Stats;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.Seeds;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash: the lock holder is killed with {@code kill -9} at a random point of an eight-step upgrade task, once
 * transactional and once non-transactional, alternating the advisory and the lease lock. A waiting successor must
 * get the lock (no stuck lock) and finish, ending in exactly the state of a clean run on another database. Between
 * the kill and the successor's first step, a transactional task must have left exactly the before state; what a
 * non-transactional one left is recorded. The random kill delays come from one seed, printed, so that
 * {@code -Dupsilon.seed=...} replays a failing run.
 */
@ExtendWith(Seeds.Report.class)
@Timeout(value = 30, unit = TimeUnit.MINUTES)
class CrashIT {

    private static final long SEED = Seeds.seed();
    /** Sleep after each of the task's steps: the kill lands anywhere in steps x this. */
    private static final long STEP_MILLIS = 120;
    /** Longer than any round: the victim is always killed before its task can return and commit. */
    private static final long TAIL_MILLIS = 600_000;
    private static final long LEASE_TTL_MILLIS = 1_500;
    /** Only bounds a hang; takeover and finishing take seconds. */
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    @Test
    void killedInsideATransactionalTask() throws Exception {
        new Run("crash/transactional", "crash-tx", true).all();
    }

    @Test
    void killedInsideANonTransactionalTask() throws Exception {
        new Run("crash/non-transactional", "crash-nontx", false).all();
    }

    /** The rounds of one task kind and what they saw. */
    private final class Run {
        private final String scenario;
        private final Tally tally;
        private final String manifest;
        private final boolean transactional;
        private final String task;
        private final Random random;
        private final Map<LockKind, List<Long>> takeovers = new EnumMap<>(LockKind.class);
        private final Map<String, Integer> statesAtKill = new TreeMap<>();
        private final Map<Integer, Integer> stepsAtKill = new TreeMap<>();
        private int halfApplied;
        private int stuckLocks;
        private int resumed;
        private String after;
        private String before;

        Run(String scenario, String manifest, boolean transactional) {
            this.scenario = scenario;
            this.tally = Tally.of(scenario);
            this.manifest = manifest;
            this.transactional = transactional;
            this.task = transactional ? "reshape" : "backfill";
            this.random = new Random(SEED + manifest.hashCode());
        }

        void all() throws Exception {
            System.out.println(scenario + ": seed " + SEED + " (replay: -Dupsilon.seed="
                    + SEED + ")");
            TestDatabase clean = PostgresFixture.newDatabase();
            Scenarios.upgradeInProcess(clean, manifest, "1.1", "clean");
            after = Fingerprint.of(clean);
            int rounds = Scale.rounds(2, 25);
            for (int round = 0; round < rounds; round++) {
                tally.run();
                round(round, round % 2 == 0 ? LockKind.ADVISORY : LockKind.LEASE);
            }
            tally.figure("rounds", rounds);
            tally.figure("half-applied results", halfApplied);
            tally.figure("stuck locks", stuckLocks);
            takeovers.forEach((kind, times) -> tally.figure("takeover " + kind, Stats.summary(times)));
            tally.figure("steps done at the kill (steps=rounds)", stepsAtKill);
            tally.figure("state between kill and successor", statesAtKill);
            if (!transactional) {
                tally.figure("interrupted runs resumed", resumed);
            }
            tally.figure("state hashes before/after", Fingerprint.hash(before) + "/" + Fingerprint.hash(after));
            tally.report();
            assertThat(tally.violations()).isEmpty();
        }

        private void round(int round, LockKind kind) throws Exception {
            TestDatabase db = PostgresFixture.newDatabase();
            Scenarios.upgradeInProcess(db, manifest, "1.0", "seed");
            before = Fingerprint.of(db);
            // the scenario could not fail if the task changed nothing
            assertThat(before).as("before and after states of %s", manifest).isNotEqualTo(after);
            long delay = random.nextLong(Scenarios.crashSteps() * STEP_MILLIS);
            String where = "round " + round + " (" + kind + ", kill " + delay + " ms into the steps, seed " + SEED + ")";
            Path taskGate = dir.resolve(manifest + "-task-" + round);
            Path go = dir.resolve(manifest + "-go-" + round);
            Path hold = dir.resolve(manifest + "-hold-" + round);
            String victimId = "victim-" + round;
            String successorId = "successor-" + round;
            try (NodeProcess victim = NodeProcess.start(NodeOptions.node(db.jdbcUrl(), victimId, manifest, "1.1")
                    .lock(kind).ttlMillis(LEASE_TTL_MILLIS).taskGate(taskGate).stepMillis(STEP_MILLIS)
                    .tailMillis(TAIL_MILLIS));
                 NodeProcess successor = NodeProcess.start(NodeOptions.node(db.jdbcUrl(), successorId, manifest,
                         "1.1").lock(kind).ttlMillis(LEASE_TTL_MILLIS).go(go).hold(hold))) {
                if (victim.await("IN_TASK", WAIT).isEmpty()) {
                    tally.violation(where + ": the victim never reached its task: " + victim.tail(8));
                    return;
                }
                Gate.open(go);
                if (successor.await("EVENT LOCK_WAITING", WAIT).isEmpty()) {
                    tally.violation(where + ": the successor never waited for the lock: " + successor.tail(8));
                    return;
                }
                if (!awaitBlocked(db, kind)) {
                    tally.violation(where + ": the successor was never blocked by the victim's advisory lock");
                    return;
                }
                Gate.open(taskGate);
                Thread.sleep(delay);
                long killedAt = System.currentTimeMillis();
                victim.kill9();
                stepsAtKill.merge(victim.lines("STEP ").size(), 1, Integer::sum);
                Optional<String> acquired = successor.await("EVENT LOCK_ACQUIRED", WAIT);
                if (acquired.isEmpty()) {
                    stuckLocks++;
                    tally.violation(where + ": no successor got the lock within " + WAIT.toSeconds() + " s of the"
                            + " kill: " + successor.tail(8));
                    return;
                }
                long takeover = NodeProcess.epochOf(acquired.get()) - killedAt;
                // an ordering on one machine's clock, not a time bound: the lock was granted after its holder died
                tally.check(takeover >= 0, where + ": the successor got the lock " + -takeover + " ms before the"
                        + " holder was killed");
                takeovers.computeIfAbsent(kind, k -> new ArrayList<>()).add(takeover);
                boolean leftRunning = atKill(db, where, victimId);
                Gate.open(hold);
                Optional<Integer> exit = successor.exit(WAIT);
                if (exit.isEmpty() || exit.get() != 0) {
                    stuckLocks++;
                    tally.violation(where + ": the successor did not finish (exit " + exit.orElse(null) + "): "
                            + successor.tail(8));
                    return;
                }
                afterSuccessor(db, where, victimId, successorId, leftRunning, successor);
            }
        }

        /** The successor has the lock but has not started: what did the killed holder leave? */
        private boolean atKill(TestDatabase db, String where, String victimId) {
            String now = Fingerprint.of(db);
            String state = now.equals(before) ? "before" : now.equals(after) ? "after" : "mid-way";
            statesAtKill.merge(state, 1, Integer::sum);
            Object victimRows = db.queryOne("SELECT string_agg(status, ',') FROM upsilon_history WHERE node_id = '"
                    + victimId + "'");
            if (transactional) {
                if (!state.equals("before")) {
                    halfApplied++;
                    tally.violation(where + ": after the kill the state is " + state + ", not the before state: "
                            + Fingerprint.diff(before, now));
                }
                tally.check(victimRows == null, where + ": the killed transactional task left history rows "
                        + victimRows);
                return false;
            }
            // a non-transactional task commits its RUNNING row before its first step
            tally.check("RUNNING".equals(victimRows), where + ": the killed non-transactional task left history"
                    + " rows " + victimRows + " instead of one RUNNING row");
            return "RUNNING".equals(victimRows);
        }

        private void afterSuccessor(TestDatabase db, String where, String victimId, String successorId,
                                    boolean leftRunning, NodeProcess successor) {
            String end = Fingerprint.of(db);
            if (!end.equals(after)) {
                halfApplied++;
                tally.violation(where + ": after the successor the state differs from a clean run's: "
                        + Fingerprint.diff(after, end));
            }
            Object succeeded = db.queryOne("SELECT string_agg(node_id, ',') FROM upsilon_history WHERE task = '"
                    + task + "' AND status = 'SUCCEEDED'");
            tally.check(successorId.equals(succeeded), where + ": task " + task + " SUCCEEDED by " + succeeded
                    + ", expected by the successor alone");
            Object running = db.queryOne("SELECT count(*) FROM upsilon_history WHERE status = 'RUNNING'");
            tally.check(Long.valueOf(0).equals(running), where + ": " + running + " history rows still RUNNING");
            if (leftRunning) {
                boolean announced = successor.first("EVENT TASK_RESUMED").isPresent();
                Object victimRow = db.queryOne("SELECT status FROM upsilon_history WHERE node_id = '" + victimId + "'");
                resumed += announced ? 1 : 0;
                tally.check(announced && "INTERRUPTED".equals(victimRow), where + ": the dead node's RUNNING row"
                        + " was not resumed and marked (TASK_RESUMED " + announced + ", its row " + victimRow + ")");
            }
            Object holder = db.queryOne("SELECT holder FROM upsilon_lock");
            if (holder != null) {
                stuckLocks++;
                tally.violation(where + ": the lock is still held by " + holder + " after the successor exited");
            }
        }

        /** An advisory waiter is blocked inside PostgreSQL once its lock request shows as not granted. */
        private boolean awaitBlocked(TestDatabase db, LockKind kind) throws InterruptedException {
            if (kind != LockKind.ADVISORY) {
                return true; // a lease waiter polls the lock row, from its LOCK_WAITING on
            }
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                if (Long.valueOf(1).equals(db.queryOne("SELECT count(*) FROM pg_locks l JOIN pg_database d"
                        + " ON d.oid = l.database WHERE d.datname = current_database() AND l.locktype = 'advisory'"
                        + " AND NOT l.granted"))) {
                    return true;
                }
                Thread.sleep(10);
            }
            return false;
        }
    }
}
