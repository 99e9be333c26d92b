package io.upsilon.migrate;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.internal.DeleteFinder;
import io.upsilon.migrate.internal.EntityCopier;
import io.upsilon.migrate.internal.EntityPlan;
import io.upsilon.migrate.internal.Verifier;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a {@link MigrationSpec} between two stores. {@link #create} checks every entity against both stores first
 * (fields, transforms, key columns, types), so bad input fails before any row is written. Entity types run in
 * parallel.
 */
public final class Migrator {

    /** What to do with rows deleted in the source since they were copied. */
    public enum Deletes {
        /** Leave them, and do not look. */
        IGNORE,
        /** Count and list them, delete nothing. */
        REPORT,
        /** Delete them from the target. */
        PROPAGATE
    }

    private final MigrationSpec spec;
    private final SourceStore source;
    private final TargetStore target;
    private final List<EntityPlan> plans;

    private Migrator(MigrationSpec spec, SourceStore source, TargetStore target, List<EntityPlan> plans) {
        this.spec = spec;
        this.source = source;
        this.target = target;
        this.plans = plans;
    }

    /**
     * Checks the spec against the stores.
     *
     * @throws UpsilonException {@code BAD_INPUT} naming the entity and field, {@code STORE_FAILURE} when a store
     *                          cannot be reached
     */
    public static Migrator create(MigrationSpec spec, SourceStore source, TargetStore target, ClassLoader loader) {
        List<EntityPlan> plans = new ArrayList<>();
        for (MigrationSpec.EntitySpec entity : spec.entities()) {
            plans.add(EntityPlan.compile(entity, source, target, loader));
        }
        return new Migrator(spec, source, target, plans);
    }

    /**
     * Copies every entity type from its checkpoint (or from {@code since}), re-reading the spec's overlap.
     *
     * @param since   an update time to start from instead of the checkpoints; empty to use them
     * @param deletes whether to look for rows deleted in the source, and what to do with them
     */
    public RunReport run(Optional<String> since, Deletes deletes, MigrationListener listener) {
        List<RunReport.Entity> results = inParallel(plan -> {
            RunReport.Entity copied = new EntityCopier(plan, source, target, listener).run(since, spec.overlap());
            long deleted = deletes == Deletes.IGNORE ? 0
                    : new DeleteFinder(source, target).run(plan, deletes == Deletes.PROPAGATE);
            return new RunReport.Entity(copied.name(), copied.rowsRead(), copied.written(), copied.watermark(),
                    copied.started(), copied.took(), deleted, copied.fresh());
        });
        return new RunReport(results);
    }

    /**
     * Continuous mode: incremental runs, one after the other, until a run reads at most {@code maxLagRows} rows (the
     * new cluster is that close behind, not counting the overlap it re-reads), then the cut-over in the order
     * {@link CutoverHook} documents: enter the window (old cluster closed, new cluster's gates holding), a final
     * catch-up with deletes propagated, verification, and, if it matched, switch the traffic, retire the old
     * cluster and open the new one. A mismatch or a failed switch leaves traffic on the old cluster with its window
     * open for the operator, and the report says so ({@link CutoverReport#switchFailure()}).
     *
     * @param maxRuns give up (no cut-over) after this many catch-up runs without the lag falling low enough
     * @param pause   wait between catch-up runs
     * @throws UpsilonException when a step fails; the message says where the traffic is and which window is open
     */
    public CutoverReport continuous(long maxLagRows, int maxRuns, Duration pause, CutoverHook hook,
                                    MigrationListener listener, int maxKeys) throws InterruptedException {
        List<RunReport> catchUps = new ArrayList<>();
        while (true) {
            // deletes need a full key comparison: only the final run, inside the window, pays for it
            RunReport run = run(Optional.empty(), Deletes.IGNORE, listener);
            catchUps.add(run);
            long lag = run.entities().stream().mapToLong(RunReport.Entity::fresh).max().orElse(0);
            if (lag <= maxLagRows) {
                break;
            }
            if (catchUps.size() >= maxRuns) {
                return new CutoverReport(catchUps, null, null, Duration.ZERO, false);
            }
            Thread.sleep(pause.toMillis());
        }
        long opened = System.nanoTime();
        hook.enterWindow();
        RunReport last;
        VerifyReport verified;
        try {
            last = run(Optional.empty(), Deletes.PROPAGATE, listener);
            verified = verify(maxKeys);
        } catch (UpsilonException e) {
            throw new UpsilonException(e.code(), e.getMessage() + "; the maintenance window stays open and traffic"
                    + " stays on the old cluster: fix the cause and run again, or exit the window", e);
        }
        if (!verified.matches()) {
            return new CutoverReport(catchUps, last, verified, Duration.ofNanos(System.nanoTime() - opened), false);
        }
        try {
            hook.switchTraffic();
        } catch (RuntimeException e) {
            return new CutoverReport(catchUps, last, verified, Duration.ofNanos(System.nanoTime() - opened), false,
                    String.valueOf(e.getMessage()));
        }
        // the traffic is on the new cluster now: it must open even if the old one cannot be marked retired (its
        // window, still open, keeps it closed meanwhile)
        RuntimeException retireFailure = null;
        try {
            hook.retireOld();
        } catch (RuntimeException e) {
            retireFailure = e;
        }
        hook.openNew();
        if (retireFailure != null) {
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "traffic was switched to the new cluster, which is"
                    + " open, but the old cluster could not be marked retired: " + retireFailure.getMessage()
                    + "; its maintenance window is still open as the cut-over left it: keep it so (do not exit it)",
                    retireFailure);
        }
        return new CutoverReport(catchUps, last, verified, Duration.ofNanos(System.nanoTime() - opened), true);
    }

    /** Compares the transformed source with the target, listing at most {@code maxKeys} keys of each kind. */
    public VerifyReport verify(int maxKeys) {
        Verifier verifier = new Verifier(source, target);
        List<List<VerifyReport.Table>> perEntity = inParallel(plan -> verifier.verify(plan, maxKeys));
        return new VerifyReport(perEntity.stream().flatMap(List::stream).toList());
    }

    public MigrationSpec spec() {
        return spec;
    }

    private <T> List<T> inParallel(java.util.function.Function<EntityPlan, T> work) {
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
