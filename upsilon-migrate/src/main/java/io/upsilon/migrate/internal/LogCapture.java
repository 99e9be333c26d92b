package io.upsilon.migrate.internal;

import io.upsilon.migrate.MigrationListener;
import io.upsilon.migrate.RunReport;
import io.upsilon.migrate.pg.PgAddress;
import io.upsilon.migrate.pg.PgChangeLog;
import io.upsilon.migrate.pg.PgSlot;
import io.upsilon.migrate.pg.PgSnapshot;
import io.upsilon.migrate.pg.PgSourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Log capture for one session of a migration: on first use, the slot and publication are made and every entity is
 * copied from the snapshot the slot exported at its consistent point (so the log continues exactly where the copy's
 * view ends); later sessions read the slot from its confirmed position. An entity with no checkpoint while the slot
 * exists (a copy killed before it finished) is copied again from a snapshot of its own: the log from the slot's
 * position is replayed over it, and changes are applied as the source's current rows, so the two meet.
 */
public final class LogCapture implements AutoCloseable {

    private final List<EntityPlan> plans;
    private final ChangeApplier applier;
    private final PgChangeLog log;
    private final Map<String, RunReport.Entity> copied;
    private final Duration drainLimit;

    private LogCapture(List<EntityPlan> plans, ChangeApplier applier, PgChangeLog log,
                       Map<String, RunReport.Entity> copied, Duration drainLimit) {
        this.plans = plans;
        this.applier = applier;
        this.log = log;
        this.copied = copied;
        this.drainLimit = drainLimit;
    }

    /**
     * Makes the slot if needed, copies what has no checkpoint, starts reading the log.
     *
     * @param inParallel runs work for each plan on the entity threads
     */
    public static LogCapture open(List<EntityPlan> plans, PgSourceStore source, TargetStore target, PgSlot slot,
                                  int jobs, MigrationListener listener, Duration drainLimit,
                                  Function<Function<EntityPlan, RunReport.Entity>, List<RunReport.Entity>> inParallel) {
        PgAddress address = PgAddress.of(source.dataSource());
        Set<String> tables = ChangeApplier.tables(plans);
        Map<String, RunReport.Entity> copied = new LinkedHashMap<>();
        if (!slot.exists()) {
            try (PgSlot.Created created = slot.create(tables, address);
                 PgSnapshot snapshot = source.snapshot(created.snapshot(), jobs)) {
                created.close(); // imported by every copy session: the replication session may go
                // with no slot, no earlier change is in any log we can read: every entity starts from this snapshot
                copy(plans, true, source, target, listener, jobs, snapshot, inParallel, copied);
            }
        } else {
            List<EntityPlan> unfinished = plans.stream()
                    .filter(p -> target.checkpoint(p.spec().name()).isEmpty()).toList();
            if (!unfinished.isEmpty()) {
                try (PgSnapshot snapshot = source.snapshot(null, jobs)) {
                    copy(unfinished, false, source, target, listener, jobs, snapshot, inParallel, copied);
                }
            }
        }
        slot.awaitFree(); // the previous run's reader may still be letting go of it
        ChangeApplier applier = new ChangeApplier(plans, source, target);
        PgChangeLog log = PgChangeLog.start(source.dataSource(), address, slot.name(), tables, applier::apply);
        return new LogCapture(plans, applier, log, copied, drainLimit);
    }

    private static void copy(List<EntityPlan> which, boolean fresh, PgSourceStore source, TargetStore target,
                             MigrationListener listener, int jobs, PgSnapshot snapshot,
                             Function<Function<EntityPlan, RunReport.Entity>, List<RunReport.Entity>> inParallel,
                             Map<String, RunReport.Entity> copied) {
        List<RunReport.Entity> done = inParallel.apply(plan -> which.contains(plan)
                ? new SnapshotCopier(plan, source, target, listener, jobs, false).copy(snapshot, fresh) : null);
        done.stream().filter(java.util.Objects::nonNull).forEach(e -> copied.put(e.name(), e));
    }

    /**
     * Applies every change committed on the source before this call, and reports per entity what this catch-up
     * applied (and, the first time, what the snapshot copy wrote).
     */
    public RunReport catchUp() {
        long started = System.nanoTime();
        Map<String, Long> before = new HashMap<>();
        plans.forEach(p -> before.put(p.spec().name(), applier.applied(p.spec().name())));
        log.drain(drainLimit);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        List<RunReport.Entity> entities = new ArrayList<>();
        for (EntityPlan plan : plans) {
            String name = plan.spec().name();
            long changes = applier.applied(name) - before.get(name);
            RunReport.Entity snapshot = copied.remove(name);
            entities.add(snapshot == null
                    ? new RunReport.Entity(name, changes, Map.of(), null, "log", took, 0, changes)
                    : new RunReport.Entity(name, snapshot.rowsRead() + changes, snapshot.written(),
                            snapshot.watermark(), snapshot.started(), snapshot.took().plus(took), 0,
                            snapshot.fresh() + changes));
        }
        return new RunReport(entities);
    }

    /** The keys of the entity that changes touched since the last call. */
    public Set<List<String>> takeTouched(String entity) {
        return applier.takeTouched(entity);
    }

    @Override
    public void close() {
        log.close();
    }
}
