package io.upsilon.postgres;

import static io.upsilon.postgres.Nodes.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.Manifest;
import io.upsilon.TaskContext;
import io.upsilon.UpgradeResult;
import io.upsilon.UpgradeResult.Outcome;
import io.upsilon.Upsilon;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many nodes of one release start at once: every task runs exactly once, and nobody fails. */
class RaceIT {

    private static final int NODES = 8;
    private static final int ROUNDS = 20;

    /** Counts its executions in memory and in the database, so a double run is seen either way. */
    static final class CountingTask extends BaseUpgradeTask {
        private final Map<String, AtomicInteger> runs;
        private final String name;

        CountingTask(Map<String, AtomicInteger> runs, String name) {
            this.runs = runs;
            this.name = name;
        }

        @Override
        public void execute(TaskContext context) throws Exception {
            runs.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            Tasks.run(context, "INSERT INTO runs (task, node) VALUES ('" + name + "', '" + context.nodeId() + "')");
            Thread.sleep(5); // widen the window in which a broken lock would let a second node in
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void eightNodesRaceOnAnEmptyDatabaseTwentyRoundsEachTaskOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(NODES);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                TestDatabase db = PostgresFixture.newDatabase();
                Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
                Manifest manifest = Tasks.manifest(
                        Tasks.sql("1.0", "create", "CREATE TABLE runs (task text, node text)"),
                        Tasks.of("1.0", "t1", new CountingTask(runs, "t1")),
                        Tasks.of("1.1", "t2", new CountingTask(runs, "t2")),
                        Tasks.of("1.1", "t3", new CountingTask(runs, "t3")),
                        Tasks.of("2.0", "t4", new CountingTask(runs, "t4")));
                CyclicBarrier start = new CyclicBarrier(NODES);
                List<Future<UpgradeResult>> results = new ArrayList<>();
                for (int n = 0; n < NODES; n++) {
                    Upsilon node = Nodes.node(db, "r" + round + "-n" + n, manifest);
                    results.add(pool.submit(() -> {
                        start.await();
                        return node.upgrade();
                    }));
                }
                int upgraded = 0;
                for (Future<UpgradeResult> f : results) {
                    UpgradeResult r = f.get(); // a failed start-up fails the test
                    assertThat(r.after()).contains(v("2.0"));
                    if (r.outcome() == Outcome.UPGRADED) {
                        upgraded++;
                    } else {
                        assertThat(r.outcome()).isIn(Outcome.DONE_ELSEWHERE, Outcome.UP_TO_DATE);
                        assertThat(r.tasks()).isEmpty();
                    }
                }
                assertThat(upgraded).as("round %d: nodes that ran tasks", round).isEqualTo(1);
                assertThat(runs).as("round %d", round).containsOnlyKeys("t1", "t2", "t3", "t4");
                runs.forEach((task, count) -> assertThat(count.get()).as("runs of %s", task).isEqualTo(1));
                assertThat(db.queryOne("SELECT count(*) FROM runs")).isEqualTo(4L);
                assertThat(db.queryOne("SELECT count(DISTINCT node) FROM runs")).isEqualTo(1L);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
