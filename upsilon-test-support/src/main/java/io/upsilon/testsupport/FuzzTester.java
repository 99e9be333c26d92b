package io.upsilon.testsupport;

import io.upsilon.spi.ClusterLock;
import io.upsilon.spi.LockGrant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/**
 * Hammers a lock from many threads: each round takes the lock and increments a counter by read, pause, write, which
 * loses updates unless the lock really excludes (the field is volatile, so only a missing exclusion can lose one). The caller asserts the exact total.
 */
public final class FuzzTester {

    private final Function<String, ClusterLock> locks;
    private final int threads;
    private final int rounds;
    private volatile int counter;

    /**
     * @param locks   makes the lock object of one node, by node id
     * @param threads how many nodes race
     * @param rounds  how many increments each node makes
     */
    public FuzzTester(Function<String, ClusterLock> locks, int threads, int rounds) {
        this.locks = locks;
        this.threads = threads;
        this.rounds = rounds;
    }

    /** The outcome: the counter's final value and every fencing token granted, in grant order per thread. */
    public record Result(int counter, List<Long> tokens) {
    }

    public Result run() throws Exception {
        ConcurrentLinkedQueue<Long> tokens = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                ClusterLock lock = locks.apply("fuzz-" + t);
                futures.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        Optional<LockGrant> grant = lock.acquire(Duration.ofSeconds(60));
                        try (LockGrant g = grant.orElseThrow(() -> new AssertionError("lock not acquired in 60 s"))) {
                            tokens.add(g.fencingToken());
                            int seen = counter;
                            Thread.onSpinWait();
                            if (r % 3 == 0) {
                                Thread.sleep(1);
                            }
                            counter = seen + 1;
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return new Result(counter, List.copyOf(tokens));
    }

    /** How long a whole run may take at most, for test timeouts. */
    public static Duration budget() {
        return Duration.ofMinutes(3);
    }
}
