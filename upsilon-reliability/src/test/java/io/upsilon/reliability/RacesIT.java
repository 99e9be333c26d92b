package io.upsilon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.reliability.node.Gate;
import io.upsilon.reliability.node.NodeOptions;
import io.upsilon.reliability.node.NodeProcess;
import io.upsilon.reliability.node.Scenarios;
import io.upsilon.reliability.node.Stats;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Races: eight node processes leave one gate together and start the same upgrade, half the rounds on an empty
 * database (so the creation of Upsilon's own tables races too) and half on a database already at {@code 1.1} with
 * {@code 2.0} pending, alternating the advisory and the lease lock. Every pending task must run exactly once
 * (seen in the nodes' output and in the committed rows), by one node, and every process must start up cleanly.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class RacesIT {

    private static final int NODES = 8;
    private static final String TARGET = "2.0";
    private static final List<String> ALL_TASKS = List.of("create", "t1", "t2", "t3", "t4", "t5");
    /** Generous: eight JVMs start on two shared cores; a round takes seconds, this only bounds a hang. */
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private final Tally tally = Tally.of("races");
    private int doubleExecutions;
    private int failedStartUps;
    private final List<Long> goSpreads = new ArrayList<>();

    @Test
    void eightProcessesStartTheSameUpgradeAndEveryTaskRunsOnce() throws Exception {
        int rounds = Scale.rounds(2, 40);
        for (int round = 0; round < rounds; round++) {
            boolean empty = round % 2 == 0;
            // every four rounds cover each pair of (empty, upgrade) x (advisory, lease)
            LockKind kind = (round + round / 2) % 2 == 0 ? LockKind.ADVISORY : LockKind.LEASE;
            tally.run();
            race(round, empty, kind);
        }
        tally.figure("rounds", rounds);
        tally.figure("double executions", doubleExecutions);
        tally.figure("failed start-ups", failedStartUps);
        tally.figure("spread of the start (first to last node leaving the gate)", Stats.summary(goSpreads));
        tally.report();
        assertThat(tally.violations()).isEmpty();
    }

    private void race(int round, boolean empty, LockKind kind) throws Exception {
        String where = "round " + round + " (" + (empty ? "empty database" : "1.1 -> 2.0") + ", " + kind + ")";
        TestDatabase db = PostgresFixture.newDatabase();
        List<String> pending = ALL_TASKS;
        if (!empty) {
            Scenarios.upgradeInProcess(db, "races", "1.1", "seed");
            pending = List.of("t4", "t5");
        }
        Path go = dir.resolve("go-" + round);
        List<NodeProcess> nodes = new ArrayList<>();
        try {
            for (int n = 0; n < NODES; n++) {
                nodes.add(NodeProcess.start(NodeOptions.node(db.jdbcUrl(), "r" + round + "-n" + n, "races", TARGET)
                        .lock(kind).ttlMillis(10_000).go(go)));
            }
            for (NodeProcess node : nodes) {
                node.await("ARMED", WAIT); // a node that never arms is counted below, by its exit
            }
            Gate.open(go);
            int upgraded = 0;
            Map<String, Integer> executions = new TreeMap<>();
            List<Long> goTimes = new ArrayList<>();
            for (NodeProcess node : nodes) {
                Optional<Integer> exit = node.exit(WAIT);
                if (exit.isEmpty() || exit.get() != 0 || !node.errorLines().isEmpty()) {
                    failedStartUps++;
                    tally.violation(where + ": node " + node.id() + " failed to start up (exit " + exit.map(String::valueOf)
                            .orElse("none in " + WAIT.toSeconds() + " s") + "): " + node.tail(8));
                }
                node.first("GO ").ifPresent(l -> goTimes.add(NodeProcess.epochOf(l)));
                Optional<String> result = node.first("RESULT ");
                if (result.isPresent()) {
                    upgraded += result.get().startsWith("RESULT UPGRADED ") ? 1 : 0;
                    tally.check(result.get().endsWith(" " + TARGET), where + ": node " + node.id()
                            + " ended at " + result.get() + " instead of data version " + TARGET);
                }
                node.lines("EXEC ").forEach(l -> executions.merge(l.split(" ")[1], 1, Integer::sum));
            }
            if (!goTimes.isEmpty()) {
                goSpreads.add(goTimes.stream().mapToLong(Long::longValue).max().getAsLong()
                        - goTimes.stream().mapToLong(Long::longValue).min().getAsLong());
            }
            tally.check(upgraded == 1, where + ": " + upgraded + " nodes report UPGRADED; exactly one must");
            checkExecutions(db, where, pending, executions);
        } finally {
            nodes.forEach(NodeProcess::close);
        }
    }

    /** Each pending task ran once by the output and once by the committed rows; applied tasks did not run again. */
    private void checkExecutions(TestDatabase db, String where, List<String> pending, Map<String, Integer> executions)
            throws Exception {
        Map<String, Long> committed = new TreeMap<>();
        long winners;
        long succeeded;
        if (db.queryOne("SELECT to_regclass('runs')") == null) {
            tally.violation(where + ": no node created the runs table");
            return;
        }
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT task, count(*) FROM runs WHERE node <> 'seed' GROUP BY task")) {
                while (rs.next()) {
                    committed.put(rs.getString(1), rs.getLong(2));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT count(DISTINCT (node, token)) FROM runs WHERE node <> 'seed'")) {
                rs.next();
                winners = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM upsilon_history WHERE status = 'SUCCEEDED'")) {
                rs.next();
                succeeded = rs.getLong(1);
            }
        }
        for (String task : ALL_TASKS) {
            int ran = executions.getOrDefault(task, 0);
            long kept = committed.getOrDefault(task, 0L);
            int expected = pending.contains(task) ? 1 : 0;
            long extra = Math.max(ran, kept) - expected;
            if (extra > 0) {
                doubleExecutions += (int) extra;
                tally.violation(where + ": task " + task + " executed " + ran + " times, committed " + kept
                        + " times; expected " + expected);
            } else {
                tally.check(kept == expected && ran == expected, where + ": task " + task + " executed " + ran
                        + " times, committed " + kept + " times; expected " + expected);
            }
        }
        tally.check(winners == 1, where + ": tasks committed under " + winners + " (node, token) pairs; one lock"
                + " holder must run them all");
        tally.check(succeeded == ALL_TASKS.size(), where + ": " + succeeded + " SUCCEEDED history rows, expected "
                + ALL_TASKS.size());
        Object version = db.queryOne("SELECT version FROM upsilon_data_version");
        tally.check(TARGET.equals(version), where + ": data version " + version + ", expected " + TARGET);
    }
}
