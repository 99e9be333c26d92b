package io.upsilon.demo.race;

import io.upsilon.ErrorCode;
import io.upsilon.UpgradeResult;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts several nodes at the same instant, each with its own {@link Upsilon}, lock and node id, all moving the
 * data to the same target: the race's evidence that a task runs once however many nodes race for it.
 */
final class NodeRace {

    /** What one node's upgrade call returned. */
    record NodeResult(String node, UpgradeResult result) {
    }

    private NodeRace() {
    }

    /**
     * @param nodes one Upsilon per node, by node id
     * @throws UpsilonException the first node's failure, if any node failed
     */
    static List<NodeResult> run(List<String> names, List<Upsilon> nodes, Version target)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<UpgradeResult>> calls = new ArrayList<>();
            for (Upsilon upsilon : nodes) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return upsilon.migrateTo(target);
                }));
            }
            start.countDown();
            List<NodeResult> results = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                results.add(new NodeResult(names.get(i), get(calls.get(i))));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static UpgradeResult get(Future<UpgradeResult> call) throws InterruptedException {
        try {
            return call.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpsilonException u) {
                throw u;
            }
            throw new UpsilonException(ErrorCode.TASK_FAILED, "a racing node failed: " + e.getCause(), e.getCause());
        }
    }
}
