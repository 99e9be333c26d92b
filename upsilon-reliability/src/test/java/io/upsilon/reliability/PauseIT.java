package io.upsilon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.ErrorCode;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.reliability.node.Gate;
import io.upsilon.reliability.node.NodeOptions;
import io.upsilon.reliability.node.NodeProcess;
import io.upsilon.reliability.node.Scenarios;
import io.upsilon.reliability.node.Stats;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pause: the holder of a short lease is stopped with {@code SIGSTOP} inside its task, after writing a row; a
 * successor takes the expired lease, runs the task and commits; then the paused node gets {@code SIGCONT}, writes
 * again and tries to commit its task and the version bump. Fencing must refuse all of it: the paused process exits
 * with {@code FENCED}, and the runs table, the history and the data version show only the successor's work.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class PauseIT {

    private static final long LEASE_TTL_MILLIS = 1_500;
    /** Only bounds a hang: the successor gets the lease about one TTL after the pause. */
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final Tally tally = Tally.of("pause");
    private final List<Long> takeovers = new ArrayList<>();
    private int staleCommits;
    private int fenced;
    private int refusedAtCommit;

    @Test
    void aHolderPausedPastItsLeaseCommitsNothingWhenItResumes() throws Exception {
        int rounds = Scale.rounds(2, 25);
        for (int round = 0; round < rounds; round++) {
            tally.run();
            round(round);
        }
        tally.figure("rounds", rounds);
        tally.figure("stale commits accepted", staleCommits);
        tally.figure("paused nodes fenced on resume", fenced + "/" + rounds);
        tally.figure("refused by the fencing check at commit", refusedAtCommit + "/" + rounds);
        tally.figure("takeover after SIGSTOP (lease TTL " + LEASE_TTL_MILLIS + " ms)", Stats.summary(takeovers));
        tally.report();
        assertThat(tally.violations()).isEmpty();
    }

    private void round(int round) throws Exception {
        String where = "round " + round;
        TestDatabase db = PostgresFixture.newDatabase();
        Scenarios.upgradeInProcess(db, "pause", "1.0", "seed");
        Path taskGate = dir.resolve("task-" + round);
        Path go = dir.resolve("go-" + round);
        String pausedId = "paused-" + round;
        String successorId = "successor-" + round;
        try (NodeProcess paused = NodeProcess.start(NodeOptions.node(db.jdbcUrl(), pausedId, "pause", "1.1")
                .lock(LockKind.LEASE).ttlMillis(LEASE_TTL_MILLIS).taskGate(taskGate));
             NodeProcess successor = NodeProcess.start(NodeOptions.node(db.jdbcUrl(), successorId, "pause", "1.1")
                     .lock(LockKind.LEASE).ttlMillis(LEASE_TTL_MILLIS).go(go))) {
            if (paused.await("IN_TASK", WAIT).isEmpty()) {
                tally.violation(where + ": the first node never reached its task: " + paused.tail(8));
                return;
            }
            paused.signal("STOP");
            long stoppedAt = System.currentTimeMillis();
            Gate.open(go);
            Optional<Integer> successorExit = successor.exit(WAIT);
            successor.first("EVENT LOCK_ACQUIRED").ifPresent(l -> takeovers.add(NodeProcess.epochOf(l) - stoppedAt));
            tally.check(successorExit.equals(Optional.of(0)) && successor.first("RESULT UPGRADED 1.1").isPresent(),
                    where + ": the successor did not take over and upgrade (exit " + successorExit.orElse(null) + "): "
                    + successor.tail(8));
            // let the paused task go on the moment it runs again: it writes once more, then tries to commit
            Gate.open(taskGate);
            paused.signal("CONT");
            Optional<Integer> pausedExit = paused.exit(WAIT);
            boolean refused = pausedExit.equals(Optional.of(ErrorCode.FENCED.exitCode()))
                    && paused.first("ERROR FENCED ").isPresent();
            fenced += refused ? 1 : 0;
            // the store's fencing check at commit, rather than the engine's check before a task, said no
            refusedAtCommit += paused.first("ERROR FENCED commit refused").isPresent() ? 1 : 0;
            tally.check(refused, where + ": the resumed node was not fenced (exit " + pausedExit.orElse(null) + "): "
                    + paused.tail(8));
            long pausedToken = paused.first("EVENT LOCK_ACQUIRED").map(NodeProcess::tokenOf).orElse(-1L);
            check(db, where, pausedId, successorId, pausedToken);
        }
    }

    /** Only the successor's work of {@code hold}, the version bump by it, and {@code mark} once, before the pause. */
    private void check(TestDatabase db, String where, String pausedId, String successorId, long pausedToken) {
        long stale = count(db, "SELECT count(*) FROM runs WHERE node = '" + pausedId + "' AND task = 'hold'")
                + count(db, "SELECT count(*) FROM upsilon_history WHERE node_id = '" + pausedId + "' AND task = 'hold'"
                + " AND status = 'SUCCEEDED'")
                + count(db, "SELECT count(*) FROM upsilon_data_version WHERE updated_by = '" + pausedId + "'");
        if (stale > 0) {
            staleCommits += (int) stale;
            tally.violation(where + ": " + stale + " stale commits of the paused node were accepted");
        }
        Object holdRows = db.queryOne("SELECT string_agg(phase || ':' || node, ',' ORDER BY phase) FROM runs"
                + " WHERE task = 'hold'");
        tally.check(("after-pause:" + successorId + ",before-pause:" + successorId).equals(holdRows),
                where + ": rows of task hold are " + holdRows + ", expected both phases by the successor only");
        Object holdHistory = db.queryOne("SELECT string_agg(node_id || ':' || (fencing_token > " + pausedToken
                + "), ',') FROM upsilon_history WHERE task = 'hold' AND status = 'SUCCEEDED'");
        tally.check((successorId + ":true").equals(holdHistory), where + ": task hold SUCCEEDED as " + holdHistory
                + ", expected once by the successor under a newer token than " + pausedToken);
        Object version = db.queryOne("SELECT version || ':' || updated_by FROM upsilon_data_version");
        tally.check(("1.1:" + successorId).equals(version), where + ": data version " + version
                + ", expected 1.1 set by the successor");
        tally.check(count(db, "SELECT count(*) FROM runs WHERE task = 'mark'") == 1
                && count(db, "SELECT count(*) FROM upsilon_history WHERE task = 'mark' AND status = 'SUCCEEDED'") == 1,
                where + ": task mark, committed before the pause, must stay applied exactly once");
    }

    private static long count(TestDatabase db, String sql) {
        return ((Number) db.queryOne(sql)).longValue();
    }
}
