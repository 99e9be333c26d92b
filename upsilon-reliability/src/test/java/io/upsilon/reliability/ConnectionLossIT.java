package io.upsilon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.UpgradeResult;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonException;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.reliability.faults.Ledger;
import io.upsilon.reliability.faults.LedgerState;
import io.upsilon.reliability.faults.LossNodeMain;
import io.upsilon.reliability.faults.Node;
import io.upsilon.reliability.faults.Strike;
import io.upsilon.testsupport.JavaProcess;
import io.upsilon.testsupport.Seeds;
import io.upsilon.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Connection loss: while a node holds the cluster lock and runs the 1.1 task (transactional in even rounds,
 * non-transactional in odd ones), every session of that node is ended with {@code pg_terminate_backend}: the
 * task's connection and the lock's. The node must fail with an error that names the problem, and another node
 * (processes) or the same node run again (threads) must then complete, with nothing applied twice, nothing left
 * half-done and no lock left held. Short: 2 rounds per mode; long: 25.
 * The random delays come from the printed seed; {@code -Dupsilon.seed=N} repeats them.
 */
@ExtendWith(Seeds.Report.class)
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ConnectionLossIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** The strike lands at a random moment from the task's start through its batches and into its hold. */
    private static final int STRIKE_WINDOW_MILLIS = (int) (Ledger.ROWS / Ledger.BATCH * Ledger.PAUSE_MILLIS) + 200;
    /** The engine's own words for the loss: the task's connection was lost, or the lock went with it. */
    private static final Pattern NAMES_THE_LOSS = Pattern.compile(
            "connection was lost|lost the cluster lock|no longer the cluster lock holder");

    private final long seed = Seeds.seed();
    private final Random random = new Random(seed);
    private final Map<String, Integer> victimErrors = Collections.synchronizedMap(new TreeMap<>());
    private final List<Long> recoveryMillis = Collections.synchronizedList(new ArrayList<>());
    private int recovered;
    private int duplicates;
    private int partial;
    private int stuck;
    private int minSessionsCut = Integer.MAX_VALUE;

    private static Ledger.Kind kindOf(int round) {
        return round % 2 == 0 ? Ledger.Kind.TRANSACTIONAL : Ledger.Kind.NON_TRANSACTIONAL;
    }

    @Test
    void nodeProcessesCutOffMidTaskAreReplacedByAWaitingNode() throws Exception {
        Tally t = Tally.of("connection loss/processes");
        int rounds = Scale.rounds(2, 25);
        for (int round = 0; round < rounds; round++) {
            t.run();
            processRound(t, kindOf(round), "processes round " + round + " (" + kindOf(round) + ", seed " + seed + ")");
        }
        report(t, rounds);
    }

    @Test
    void nodeThreadsCutOffMidTaskCompleteWhenRunAgain() throws Exception {
        Tally t = Tally.of("connection loss/threads");
        int rounds = Scale.rounds(2, 25);
        ExecutorService pool = Executors.newCachedThreadPool();
        try {
            for (int round = 0; round < rounds; round++) {
                t.run();
                threadRound(t, pool, kindOf(round), round,
                        "threads round " + round + " (" + kindOf(round) + ", seed " + seed + ")");
            }
        } finally {
            pool.shutdownNow();
        }
        report(t, rounds);
    }

    private void processRound(Tally t, Ledger.Kind kind, String label) throws Exception {
        TestDatabase db = LedgerState.atBefore(kind);
        DataSource admin = db.dataSource("reliability-admin");
        // both start at once; the successor asks for the lock only once the victim holds it, so it cannot win first
        try (JavaProcess victim = JavaProcess.start(LossNodeMain.class, db.jdbcUrl(), "victim", kind.name(), "hold");
             JavaProcess successor = JavaProcess.start(LossNodeMain.class, db.jdbcUrl(), "successor", kind.name(),
                     "finish", "victim")) {
            if (victim.awaitLine("IN_TASK", WAIT).isEmpty()) {
                t.violation(label + ": the victim never reached its task: " + victim.output());
                return;
            }
            // the successor may be queued on the lock by now, or still starting: it must complete either way
            Thread.sleep(random.nextInt(STRIKE_WINDOW_MILLIS));
            strike(t, admin, "victim", label);
            long struckAt = System.nanoTime();
            victimError(t, victim.waitFor(WAIT).orElse(-1), victim.output(), label);
            boolean done = successor.awaitLine("RESULT UPGRADED 1.1", WAIT).isPresent();
            t.check(done, label + ": the successor did not complete the upgrade: " + successor.output());
            if (done) {
                recoveryMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - struckAt));
            }
            t.check(successor.waitFor(WAIT).orElse(-1) == 0, label + ": the successor failed: "
                    + successor.output());
        }
        count(LedgerState.afterAll(t, db, kind, label));
    }

    private void threadRound(Tally t, ExecutorService pool, Ledger.Kind kind, int round, String label)
            throws Exception {
        TestDatabase db = LedgerState.atBefore(kind);
        DataSource admin = db.dataSource("reliability-admin");
        String nodeId = "thread-" + round;
        AtomicBoolean hold = new AtomicBoolean(true);
        CountDownLatch inTask = new CountDownLatch(1);
        PostgresBackend backend = PostgresBackend.create(Node.dataSource(db.jdbcUrl(), nodeId));
        Upsilon node = Node.upsilon(backend, nodeId, Ledger.manifest(kind, hold::get, inTask::countDown));
        Future<UpgradeResult> first = pool.submit(node::upgrade);
        if (!inTask.await(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            t.violation(label + ": the node never reached its task");
            return;
        }
        Thread.sleep(random.nextInt(STRIKE_WINDOW_MILLIS));
        strike(t, admin, nodeId, label);
        try {
            UpgradeResult result = first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            t.violation(label + ": the node reported " + result.outcome() + " although its connections were cut");
        } catch (ExecutionException e) {
            victimError(t, 1, e.getCause() instanceof UpsilonException u ? "ERROR " + u.code() + " " + u.getMessage()
                    : "ERROR UNCLASSIFIED " + e.getCause(), label);
        }
        cutOffState(t, db, kind, label);
        hold.set(false);
        try {
            UpgradeResult again = node.upgrade(); // the same node, run again as a restarted node would
            t.check(again.outcome() == UpgradeResult.Outcome.UPGRADED, label + ": run again: " + again.outcome());
        } catch (UpsilonException e) {
            t.violation(label + ": run again failed: " + e.code() + " " + e.getMessage());
        }
        count(LedgerState.afterAll(t, db, kind, label));
    }

    /** Right after the loss: nothing committed past 1.0, a transactional task left no trace, no lock held. */
    private void cutOffState(Tally t, TestDatabase db, Ledger.Kind kind, String label) throws Exception {
        t.check("1.0".equals(db.queryOne("SELECT version FROM upsilon_data_version")),
                label + ": the data version moved although the task was cut off");
        if (kind == Ledger.Kind.TRANSACTIONAL) {
            boolean clean = LedgerState.hash(db.dataSource()).equals(LedgerState.beforeHash(kind))
                    && Ledger.notBefore(db.dataSource()) == 0 && Ledger.effects(db.dataSource()) == 0;
            t.check(clean, label + ": the cut-off transactional task left part of its work behind");
            if (!clean) {
                partial++;
            }
        }
        if (LedgerState.lockHeld(db)) {
            stuck++;
            t.violation(label + ": the cluster lock is still held by the cut-off node");
        }
    }

    private void strike(Tally t, DataSource admin, String nodeId, String label) throws Exception {
        Strike.Cut cut = Strike.terminate(admin, nodeId, Node.applicationName(nodeId));
        minSessionsCut = Math.min(minSessionsCut, cut.cut());
        // the lock's session and the task's: at least two, or the strike would not test what it claims to
        t.check(cut.lockCut() && cut.cut() >= 2, label + ": expected to cut the lock's and the task's sessions, cut "
                + cut.cut() + " of " + cut.sessions() + (cut.lockCut() ? "" : ", not the lock's"));
    }

    private void victimError(Tally t, int exitCode, String output, String label) {
        String error = output.lines().filter(l -> l.startsWith("ERROR ")).findFirst().orElse("");
        String code = error.isEmpty() ? "exit " + exitCode : error.split(" ")[1];
        if (victimErrors.merge(code, 1, Integer::sum) == 1) {
            System.out.println("connection loss, " + label + ": the cut-off node said: " + error);
        }
        t.check(exitCode != 0 && !error.isEmpty(), label + ": the cut-off node did not fail (exit " + exitCode
                + "): " + output);
        t.check(code.equals("TASK_FAILED") || code.equals("FENCED") || code.equals("STORE_FAILURE"),
                label + ": unexpected error code " + code + ": " + error);
        t.check(NAMES_THE_LOSS.matcher(error).find(), label + ": the error does not name the lost connection: "
                + error);
    }

    private void count(LedgerState.Outcome o) {
        recovered += o.recovered();
        duplicates += o.duplicates();
        partial += o.partial();
        stuck += o.stuck();
    }

    private void report(Tally t, int rounds) {
        t.figure("duplicates", duplicates);
        t.figure("partial results", partial);
        t.figure("runs that recovered", recovered + "/" + rounds);
        t.figure("stuck locks", stuck);
        t.figure("cut-off node errors", victimErrors);
        t.figure("sessions cut per strike (min)", minSessionsCut);
        if (!recoveryMillis.isEmpty()) {
            List<Long> sorted = recoveryMillis.stream().sorted().toList();
            t.figure("strike to successor done p50", sorted.get((sorted.size() - 1) / 2) + " ms");
            t.figure("strike to successor done max", sorted.get(sorted.size() - 1) + " ms");
        }
        t.figure("seed", seed);
        t.report();
        assertThat(t.violations()).isEmpty();
    }
}
