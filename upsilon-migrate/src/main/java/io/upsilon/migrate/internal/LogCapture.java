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

/**
 * Log capture for one session of a migration: on first use, the slot and publication are made and every entity is
 * copied from the snapshot the slot exported at its consistent point (so the log continues exactly where the copy's
 * view ends); later sessions read the slot from its confirmed position. An entity with no checkpoint while the slot
 * exists (a copy killed before it finished) is copied again from a snapshot of its own: the log from the slot's
 * position is replayed over it, and changes are applied by key, the last one winning, so the two meet.
 *
 * <p>The log reader (a Debezium engine, about two seconds to start) starts at the first catch-up that needs it and
 * stays for the session: a catch-up right after a fresh copy needs none, since the snapshot was taken after the run
 * began and holds everything committed before it (the slot keeps what came after, for the next catch-up).
 */
public final class LogCapture implements AutoCloseable {

    private final List<EntityPlan> plans;
    private final ChangeApplier applier;
    private final PgSourceStore source;
    private final PgSlot slot;
    private final Map<String, RunReport.Entity> copied;
    private final Duration drainLimit;
    /** Whether every entity was just copied from the slot's own snapshot: the next catch-up has nothing to read. */
    private boolean fresh;
    private PgChangeLog log;

    private LogCapture(List<EntityPlan> plans, ChangeApplier applier, PgSourceStore source, PgSlot slot,
                       Map<String, RunReport.Entity> copied, Duration drainLimit, boolean fresh) {
        this.plans = plans;
        this.applier = applier;
        this.source = source;
        this.slot = slot;
        this.copied = copied;
        this.drainLimit = drainLimit;
        this.fresh = fresh;
    }

    /** Makes the slot if needed and copies what has no checkpoint; the log is read from the first catch-up on. */
    public static LogCapture open(List<EntityPlan> plans, PgSourceStore source, TargetStore target, PgSlot slot,
                                  int jobs, MigrationListener listener, Duration drainLimit) {
        PgAddress address = PgAddress.of(source.dataSource());
        Set<String> tables = ChangeApplier.tables(plans);
        Map<String, RunReport.Entity> copied = new LinkedHashMap<>();
        boolean fresh = !slot.exists();
        if (fresh) {
            try (PgSlot.Created created = slot.create(tables, address);
                 PgSnapshot snapshot = source.snapshot(created.snapshot(), jobs)) {
                created.close(); // imported by every copy session: the replication session may go
                // with no slot, no earlier change is in any log we can read: every entity starts from this snapshot
                copy(plans, plans, true, source, target, listener, jobs, snapshot, copied);
            }
        } else {
            List<EntityPlan> unfinished = plans.stream()
                    .filter(p -> target.checkpoint(p.spec().name()).isEmpty()).toList();
            if (!unfinished.isEmpty()) {
                try (PgSnapshot snapshot = source.snapshot(null, jobs)) {
                    copy(plans, unfinished, false, source, target, listener, jobs, snapshot, copied);
                }
            }
        }
        return new LogCapture(plans, new ChangeApplier(plans, source, target), source, slot, copied, drainLimit,
                fresh);
    }

    /** The log reader, started on first use. */
    private PgChangeLog log() {
        if (log == null) {
            slot.awaitFree(); // the previous run's reader may still be letting go of it
            log = PgChangeLog.start(source.dataSource(), PgAddress.of(source.dataSource()), slot.name(),
                    ChangeApplier.tables(plans), applier::apply);
        }
        return log;
    }

    private static void copy(List<EntityPlan> plans, List<EntityPlan> which, boolean fresh, PgSourceStore source,
                             TargetStore target, MigrationListener listener, int jobs, PgSnapshot snapshot,
                             Map<String, RunReport.Entity> copied) {
        List<RunReport.Entity> done = Parallel.forEach(plans, plan -> which.contains(plan)
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
        if (fresh) {
            fresh = false; // the snapshot holds everything committed before this run began
        } else {
            log().drain(drainLimit);
        }
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
        if (log != null) {
            log.close();
        }
    }
}
