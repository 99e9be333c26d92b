package io.upsilon.migrate.internal;

import io.upsilon.migrate.MigrationListener;
import io.upsilon.migrate.RunReport;
import io.upsilon.migrate.pg.PgSnapshot;
import io.upsilon.migrate.pg.PgSourceStore;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One run in watermark mode: the first copy of every entity with no checkpoint that reads a PostgreSQL table (from
 * one snapshot shared by all of them, in {@code jobs} ranges at once), the others from their checkpoints (or a given
 * update time) by keyset pages re-reading the overlap, then, if asked, the search for rows deleted in the source.
 */
public final class WatermarkRun {

    private final List<EntityPlan> plans;
    private final SourceStore source;
    private final TargetStore target;
    private final int jobs;
    private final Duration overlap;

    public WatermarkRun(List<EntityPlan> plans, SourceStore source, TargetStore target, int jobs, Duration overlap) {
        this.plans = plans;
        this.source = source;
        this.target = target;
        this.jobs = jobs;
        this.overlap = overlap;
    }

    /**
     * Copies every entity from its checkpoint, or from {@code since} when given (no snapshot copy then).
     *
     * @param findDeletes look for rows deleted in the source (a comparison of key sets per hash bucket)
     * @param propagate   and delete them from the target (else only count them)
     */
    public RunReport run(Optional<String> since, boolean findDeletes, boolean propagate, MigrationListener listener) {
        Map<String, RunReport.Entity> snapshots = since.isPresent() ? Map.of() : snapshotCopies(listener);
        List<RunReport.Entity> results = Parallel.forEach(plans, plan -> {
            RunReport.Entity first = snapshots.get(plan.spec().name());
            RunReport.Entity copied = first != null ? first
                    : new EntityCopier(plan, source, target, listener).run(since, overlap);
            long deleted = findDeletes ? new DeleteFinder(source, target).run(plan, propagate) : 0;
            return new RunReport.Entity(copied.name(), copied.rowsRead(), copied.written(), copied.watermark(),
                    copied.started(), copied.took(), deleted, copied.fresh());
        });
        return new RunReport(results);
    }

    private Map<String, RunReport.Entity> snapshotCopies(MigrationListener listener) {
        if (!(source instanceof PgSourceStore pg)) {
            return Map.of();
        }
        List<EntityPlan> first = plans.stream().filter(p -> p.spec().source() != null)
                .filter(p -> target.checkpoint(p.spec().name()).isEmpty()).toList();
        if (first.isEmpty()) {
            return Map.of();
        }
        Map<String, RunReport.Entity> copied = new LinkedHashMap<>();
        try (PgSnapshot snapshot = pg.snapshot(null, jobs)) {
            Parallel.forEach(plans, plan -> first.contains(plan)
                    ? new SnapshotCopier(plan, source, target, listener, jobs, true).copy(snapshot, false) : null)
                    .stream().filter(Objects::nonNull).forEach(e -> copied.put(e.name(), e));
        }
        return copied;
    }
}
