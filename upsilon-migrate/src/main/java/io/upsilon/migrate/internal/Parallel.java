package io.upsilon.migrate.internal;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;

/** Runs work for every entity at once, one thread each, and collects the results in the plans' order. */
public final class Parallel {

    private Parallel() {
    }

    /**
     * The results of {@code work} per plan (null where the work skips a plan).
     *
     * @throws UpsilonException the first failure's, or {@code STORE_FAILURE} wrapping another
     */
    public static <T> List<T> forEach(List<EntityPlan> plans, Function<EntityPlan, T> work) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, plans.size()), r -> {
            Thread t = new Thread(r, "upsilon-migrate");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            plans.forEach(plan -> futures.add(pool.submit(() -> work.apply(plan))));
            List<T> results = new ArrayList<>();
            for (Future<T> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UpsilonException u) {
                throw u;
            }
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "migration failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "migration interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
