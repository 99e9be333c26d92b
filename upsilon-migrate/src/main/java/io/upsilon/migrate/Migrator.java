package io.upsilon.migrate;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.internal.DeleteFinder;
import io.upsilon.migrate.internal.EntityCopier;
import io.upsilon.migrate.internal.EntityPlan;
import io.upsilon.migrate.internal.LogCapture;
import io.upsilon.migrate.internal.SnapshotCopier;
import io.upsilon.migrate.internal.Verifier;
import io.upsilon.migrate.pg.PgSlot;
import io.upsilon.migrate.pg.PgSnapshot;
import io.upsilon.migrate.pg.PgSourceStore;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Runs a {@link MigrationSpec} between two stores. {@link #create} checks every entity against both stores first
 * (fields, transforms, key columns, types), so bad input fails before any row is written. Entity types run in
 * parallel.
 *
 * <p>The first copy of an entity (no checkpoint yet) reads one consistent snapshot of a PostgreSQL source in
 * parallel ranges of heap blocks ({@link Options#jobs()} at once), needing no index. What changed after it is found
 * in the {@link CaptureMode}: from the source's log ({@link CaptureMode#LOG}, a replication slot made at that very
 * snapshot) or from the update-time watermark ({@link CaptureMode#WATERMARK}).
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

    /**
     * How a migration runs, checked when built.
     *
     * @param jobs         ranges of a first copy read and written at once (sessions on the snapshot, and target
     *                     transactions), 1 to 16; default: the available processors
     * @param slotAgeLimit a replication slot older than this is warned about at every run and in the status: it keeps
     *                     the source's WAL on disk until {@code finish} or {@code abort} drops it; default 1 day
     * @param drainLimit   how long a catch-up from the log may take to reach the source's position; default 10 min
     */
    public record Options(int jobs, Duration slotAgeLimit, Duration drainLimit) {

        public Options {
            if (jobs < 1 || jobs > 16) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "jobs must be between 1 and 16, got " + jobs);
            }
            if (slotAgeLimit.isNegative() || drainLimit.isNegative() || drainLimit.isZero()) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "slotAgeLimit and drainLimit must be positive");
            }
        }

        public static Options defaults() {
            return new Options(Math.min(16, Runtime.getRuntime().availableProcessors()), Duration.ofDays(1),
                    Duration.ofMinutes(10));
        }

        public Options withJobs(int n) {
            return new Options(n, slotAgeLimit, drainLimit);
        }

        public Options withSlotAgeLimit(Duration limit) {
            return new Options(jobs, limit, drainLimit);
        }
    }

    /** Keys listed per table by the full verification before a window, beyond which the window verifies fully. */
    private static final int SUSPECTS = 100_000;

    private final MigrationSpec spec;
    private final SourceStore source;
    private final TargetStore target;
    private final List<EntityPlan> plans;
    private final Options options;
    private CaptureMode mode;
    private String modeReason;

    private Migrator(MigrationSpec spec, SourceStore source, TargetStore target, List<EntityPlan> plans,
                     Options options) {
        this.spec = spec;
        this.source = source;
        this.target = target;
        this.plans = plans;
        this.options = options;
    }

    /**
     * Checks the spec against the stores.
     *
     * @throws UpsilonException {@code BAD_INPUT} naming the entity and field, {@code STORE_FAILURE} when a store
     *                          cannot be reached
     */
    public static Migrator create(MigrationSpec spec, SourceStore source, TargetStore target, ClassLoader loader) {
        return create(spec, source, target, loader, Options.defaults());
    }

    /** {@link #create(MigrationSpec, SourceStore, TargetStore, ClassLoader)} with options. */
    public static Migrator create(MigrationSpec spec, SourceStore source, TargetStore target, ClassLoader loader,
                                  Options options) {
        List<EntityPlan> plans = new ArrayList<>();
        for (MigrationSpec.EntitySpec entity : spec.entities()) {
            plans.add(EntityPlan.compile(entity, source, target, loader));
        }
        return new Migrator(spec, source, target, plans, options);
    }

    /**
     * The capture mode: {@link CaptureMode#LOG} when the source is PostgreSQL with {@code wal_level=logical} and every
     * entity reads a table, else {@link CaptureMode#WATERMARK}. Decided once; the listener hears the line saying which
     * and why (e.g. {@code capture: watermark (wal_level is replica; set wal_level=logical for log capture)}).
     */
    public synchronized CaptureMode captureMode(MigrationListener listener) {
        if (mode == null) {
            if (!(source instanceof PgSourceStore)) {
                decide(CaptureMode.WATERMARK, "the source is not a PostgreSQL database");
            } else if (spec.entities().stream().anyMatch(e -> e.source() == null)) {
                decide(CaptureMode.WATERMARK, "entity " + spec.entities().stream().filter(e -> e.source() == null)
                        .findFirst().orElseThrow().name() + " reads a query; log capture needs tables");
            } else {
                String level = slot().walLevel();
                if ("logical".equals(level)) {
                    mode = CaptureMode.LOG;
                    modeReason = "capture: log (slot " + slot().name() + ")";
                } else {
                    decide(CaptureMode.WATERMARK, "wal_level is " + level + "; set wal_level=logical for log capture");
                }
            }
            listener.notice(modeReason);
        }
        return mode;
    }

    private void decide(CaptureMode chosen, String why) {
        mode = chosen;
        modeReason = "capture: " + chosen.name().toLowerCase(java.util.Locale.ROOT) + " (" + why + ")";
    }

    /**
     * The name of this migration's replication slot and publication: {@code upsilon_} and 12 hex digits of a hash of
     * the target's address and the entities' target tables, so two migrations into different targets never share
     * one, and every run of the same migration finds its own.
     */
    public String slotName() {
        StringBuilder id = new StringBuilder(String.valueOf(spec.target().url() != null
                ? spec.target().url().split("\\?")[0] : spec.target().http()));
        spec.entities().stream().map(MigrationSpec.EntitySpec::target).sorted().forEach(t -> id.append('|').append(t));
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(id.toString().getBytes(StandardCharsets.UTF_8));
            return "upsilon_" + HexFormat.of().formatHex(hash).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private PgSlot slot() {
        return new PgSlot(((PgSourceStore) source).dataSource(), slotName());
    }

    /** The capture mode, and in log mode the slot's lag and age. */
    public CaptureStatus status() {
        CaptureMode m = captureMode(MigrationListener.none());
        if (m != CaptureMode.LOG) {
            return new CaptureStatus(m, modeReason, null, false, false, null, 0, null, null, false);
        }
        PgSlot.Status s = slot().status();
        boolean old = s.age() != null && s.age().compareTo(options.slotAgeLimit()) > 0;
        return new CaptureStatus(m, modeReason, s.name(), s.exists(), s.active(), s.confirmed(), s.lagBytes(),
                s.lagChanges(), s.age(), old);
    }

    /**
     * After the cut-over: drops the replication slot and publication, so the old cluster keeps no more WAL for this
     * migration. Nothing to do in watermark mode.
     *
     * @return whether there was a slot to drop
     * @throws UpsilonException {@code STORE_FAILURE} if a migrator still reads the slot
     */
    public boolean finish() {
        return captureMode(MigrationListener.none()) == CaptureMode.LOG && slot().drop();
    }

    /**
     * Gives the migration up: drops the replication slot and publication as {@link #finish()} does; the target's
     * rows and checkpoints stay (a new run copies again from a new snapshot, by key).
     *
     * @return whether there was a slot to drop
     */
    public boolean abort() {
        return finish();
    }

    private LogCapture openLog(MigrationListener listener) {
        PgSlot slot = slot();
        LogCapture log = LogCapture.open(plans, (PgSourceStore) source, target, slot, options.jobs(), listener,
                options.drainLimit(), this::inParallel);
        PgSlot.Status s = slot.status();
        if (s.age() != null && s.age().compareTo(options.slotAgeLimit()) > 0) {
            listener.notice("warning: replication slot " + slot.name() + " is " + s.age().toHours() + " h old (limit "
                    + options.slotAgeLimit().toHours() + " h) and keeps " + s.lagBytes() + " bytes of WAL on the"
                    + " source's disk; cut over and run 'migrate finish', or 'migrate abort'");
        }
        return log;
    }

    /**
     * Watermark mode's first copies: the entities with no checkpoint that read a PostgreSQL table, from one snapshot
     * shared by all of them.
     */
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
        try (PgSnapshot snapshot = pg.snapshot(null, options.jobs())) {
            inParallel(plan -> first.contains(plan)
                    ? new SnapshotCopier(plan, source, target, listener, options.jobs(), true).copy(snapshot, false) : null)
                    .stream().filter(java.util.Objects::nonNull).forEach(e -> copied.put(e.name(), e));
        }
        return copied;
    }

    /**
     * Copies every entity type from its checkpoint (or from {@code since}), re-reading the spec's overlap.
     *
     * @param since   an update time to start from instead of the checkpoints; empty to use them
     * @param deletes whether to look for rows deleted in the source, and what to do with them
     */
    public RunReport run(Optional<String> since, Deletes deletes, MigrationListener listener) {
        if (since.isEmpty() && captureMode(listener) == CaptureMode.LOG) {
            try (LogCapture log = openLog(listener)) {
                return log.catchUp(); // deletes come from the log: no key sets to compare
            }
        }
        Map<String, RunReport.Entity> snapshots = since.isPresent() ? Map.of() : snapshotCopies(listener);
        List<RunReport.Entity> results = inParallel(plan -> {
            RunReport.Entity first = snapshots.get(plan.spec().name());
            RunReport.Entity copied = first != null ? first
                    : new EntityCopier(plan, source, target, listener).run(since, spec.overlap());
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
        LogCapture log = captureMode(listener) == CaptureMode.LOG ? openLog(listener) : null;
        try {
            return continuous(log, maxLagRows, maxRuns, pause, hook, listener, maxKeys);
        } finally {
            if (log != null) {
                log.close();
            }
        }
    }

    private CutoverReport continuous(LogCapture log, long maxLagRows, int maxRuns, Duration pause, CutoverHook hook,
                                     MigrationListener listener, int maxKeys) throws InterruptedException {
        // deletes need a full key comparison in watermark mode: only the final run, inside the window, pays for it
        Supplier<RunReport> catchUp = log != null ? log::catchUp
                : () -> run(Optional.empty(), Deletes.IGNORE, listener);
        List<RunReport> catchUps = new ArrayList<>();
        while (true) {
            RunReport run = catchUp.get();
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
        Map<String, java.util.Set<List<String>>> suspects = log != null ? verifyBeforeWindow(log) : null;
        long opened = System.nanoTime();
        hook.enterWindow();
        RunReport last;
        VerifyReport verified;
        try {
            if (log != null) {
                // the window holds only the changes: drain the log up to now, verify the keys changed since the
                // full verification (and those it found different), by key, no table scanned
                last = log.catchUp();
                verified = suspects == null ? verify(maxKeys) : verifyKeys(log, suspects, maxKeys);
            } else {
                last = run(Optional.empty(), Deletes.PROPAGATE, listener);
                verified = verify(maxKeys);
            }
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

    /**
     * The full verification, before the window, while changes still flow: what it finds different is either damage
     * or a change in flight, and is verified again (by key) inside the window together with every key changed from
     * now on. Null when it found more than it can list, or a difference in a split table not keyed by the entity's
     * key: then the window verifies in full.
     */
    private Map<String, java.util.Set<List<String>>> verifyBeforeWindow(LogCapture log) {
        plans.forEach(p -> log.takeTouched(p.spec().name())); // covered by the full verification that starts now
        VerifyReport full = verify(SUSPECTS);
        Map<String, java.util.Set<List<String>>> suspects = new LinkedHashMap<>();
        plans.forEach(p -> suspects.put(p.spec().name(), new HashSet<>()));
        for (VerifyReport.Table t : full.tables()) {
            EntityPlan plan = plans.stream().filter(p -> p.spec().name().equals(t.entity())).findFirst().orElseThrow();
            long listed = t.missing().size() + t.extra().size() + t.different().size();
            if (t.mismatches() == 0) {
                continue;
            }
            if (listed < t.mismatches()) {
                return null;
            }
            java.util.Set<List<String>> keys = suspects.get(t.entity());
            for (List<List<String>> kind : List.of(t.missing(), t.extra(), t.different())) {
                for (List<String> k : kind) {
                    List<String> entityKey = plan.entityKey(t.table(), k);
                    if (entityKey == null) {
                        return null;
                    }
                    keys.add(entityKey);
                }
            }
        }
        return suspects;
    }

    private VerifyReport verifyKeys(LogCapture log, Map<String, java.util.Set<List<String>>> suspects, int maxKeys) {
        Verifier verifier = new Verifier(source, target);
        PgSourceStore pg = (PgSourceStore) source;
        List<List<VerifyReport.Table>> perEntity = inParallel(plan -> {
            java.util.Set<List<String>> keys = new HashSet<>(suspects.get(plan.spec().name()));
            keys.addAll(log.takeTouched(plan.spec().name()));
            return verifier.verifyKeys(plan, k -> pg.rowsWhere(plan.source(), plan.spec().key(), k), keys, maxKeys);
        });
        return new VerifyReport(perEntity.stream().flatMap(List::stream).toList());
    }

    /**
     * How many rows the next run of entity {@code name} will read: counted on the source from its checkpoint (or
     * {@code since}) minus the overlap, for a progress ETA. Empty when the source cannot count (not PostgreSQL), the
     * entity is unknown, or the count fails: an ETA is a nicety, never a reason to stop.
     */
    public java.util.OptionalLong rowsToRead(String name, Optional<String> since) {
        if (!(source instanceof PgSourceStore pg)) {
            return java.util.OptionalLong.empty();
        }
        try {
            EntityPlan plan = plans.stream().filter(p -> p.spec().name().equals(name)).findFirst().orElse(null);
            if (plan == null) {
                return java.util.OptionalLong.empty();
            }
            Optional<String> from = since.isPresent() ? since
                    : target.checkpoint(name).map(c -> c.position()).flatMap(p -> p.updatedAt());
            return java.util.OptionalLong.of(pg.countFrom(plan.source(), from, spec.overlap()));
        } catch (RuntimeException e) {
            return java.util.OptionalLong.empty();
        }
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
        // (results may be null: a plan the work skips)
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
