package io.upsilon.migrate;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.internal.Cutover;
import io.upsilon.migrate.internal.EntityPlan;
import io.upsilon.migrate.internal.LogCapture;
import io.upsilon.migrate.internal.LogWindow;
import io.upsilon.migrate.internal.Parallel;
import io.upsilon.migrate.internal.Verifier;
import io.upsilon.migrate.internal.WatermarkRun;
import io.upsilon.migrate.pg.PgSlot;
import io.upsilon.migrate.pg.PgSourceStore;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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
     * @param names        how the messages of {@link #run} name its settings; default {@link MigrationNames#DEFAULT}
     */
    public record Options(int jobs, Duration slotAgeLimit, Duration drainLimit, MigrationNames names) {

        /** The most keys of each kind a verification lists per table. */
        public static final int MAX_KEYS = 100_000;

        public Options {
            if (jobs < 1 || jobs > 16) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "jobs must be between 1 and 16, got " + jobs);
            }
            if (slotAgeLimit.isNegative() || drainLimit.isNegative() || drainLimit.isZero()) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "slotAgeLimit and drainLimit must be positive");
            }
            Objects.requireNonNull(names, "names");
        }

        public static Options defaults() {
            return new Options(Math.min(16, Runtime.getRuntime().availableProcessors()), Duration.ofDays(1),
                    Duration.ofMinutes(10), MigrationNames.DEFAULT);
        }

        public Options withJobs(int n) {
            return new Options(n, slotAgeLimit, drainLimit, names);
        }

        public Options withSlotAgeLimit(Duration limit) {
            return new Options(jobs, limit, drainLimit, names);
        }

        public Options withNames(MigrationNames value) {
            return new Options(jobs, slotAgeLimit, drainLimit, value);
        }

        /**
         * {@code value} as the {@code maxKeys} of {@link Migrator#verify} (or of a continuous migration), checked
         * before anything opens.
         *
         * @throws UpsilonException {@link ErrorCode#BAD_INPUT} naming it through {@link #names()} unless it is 0 to
         *                          {@value #MAX_KEYS}
         */
        public int maxKeys(int value) {
            if (value < 0 || value > MAX_KEYS) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, names.of(MigrationNames.Term.MAX_KEYS)
                        + " must be 0 to " + MAX_KEYS + ", got " + value);
            }
            return value;
        }

        /**
         * {@code value} as the {@code since} of {@link Migrator#run}, checked before anything opens: null is empty
         * (the run starts from the checkpoints).
         *
         * @throws UpsilonException {@link ErrorCode#BAD_INPUT} naming it through {@link #names()} for a blank value
         */
        public Optional<String> since(String value) {
            if (value != null && value.isBlank()) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, names.of(MigrationNames.Term.SINCE) + " must not be"
                        + " blank; give an update time such as '2026-01-01 00:00:00+00', or leave it out to start from"
                        + " the checkpoints");
            }
            return Optional.ofNullable(value);
        }
    }

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

    /** The options this migrator was created with; its messages name settings through their {@code names()}. */
    public Options options() {
        return options;
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
                options.drainLimit());
        PgSlot.Status s = slot.status();
        if (s.age() != null && s.age().compareTo(options.slotAgeLimit()) > 0) {
            listener.notice("warning: replication slot " + slot.name() + " is " + s.age().toHours() + " h old (limit "
                    + options.slotAgeLimit().toHours() + " h) and keeps " + s.lagBytes() + " bytes of WAL on the"
                    + " source's disk; cut over and run 'migrate finish', or 'migrate abort'");
        }
        return log;
    }

    /**
     * Copies every entity type from its checkpoint (or from {@code since}), re-reading the spec's overlap; in log
     * mode (and no {@code since}) it applies every change committed on the source before it started instead, the
     * first time by a snapshot copy.
     *
     * @param since   an update time to start from instead of the checkpoints; empty to use them
     * @param deletes whether to look for rows deleted in the source, and what to do with them (in log mode deletes
     *                come from the log and are always applied)
     * @throws UpsilonException {@code BAD_INPUT} when the source does not take {@code since} as an update time;
     *                          {@code STORE_FAILURE} when a store fails, the message saying that the pages written
     *                          before are kept with their checkpoint
     */
    public RunReport run(Optional<String> since, Deletes deletes, MigrationListener listener) {
        try {
            if (since.isEmpty() && captureMode(listener) == CaptureMode.LOG) {
                try (LogCapture log = openLog(listener)) {
                    return log.catchUp(); // deletes come from the log: no key sets to compare
                }
            }
            return watermark().run(since, deletes != Deletes.IGNORE, deletes == Deletes.PROPAGATE, listener);
        } catch (UpsilonException e) {
            throw explain(e, since);
        }
    }

    /** A bad {@code since} is bad input, and a failure mid-run keeps what was copied: the message says both. */
    private UpsilonException explain(UpsilonException e, Optional<String> since) {
        if (since.isPresent() && e.getCause() instanceof SQLException sql && sql.getSQLState() != null
                && sql.getSQLState().startsWith("22")) { // class 22: data exception, here a value that is no time
            String why = String.valueOf(sql.getMessage()).strip().replaceAll("\\s*\\R\\s*", " ");
            return new UpsilonException(ErrorCode.BAD_INPUT, options.names().of(MigrationNames.Term.SINCE) + " '"
                    + since.get() + "' is not an update time the source accepts (" + why + "); write it like the"
                    + " source's update-time values, e.g. '2026-01-01 00:00:00+00'", e);
        }
        if (e.code() == ErrorCode.STORE_FAILURE) {
            return new UpsilonException(e.code(), e.getMessage() + "; the pages written before the failure are kept"
                    + " with their checkpoint, so running again resumes there", e);
        }
        return e;
    }

    private WatermarkRun watermark() {
        return new WatermarkRun(plans, source, target, options.jobs(), spec.overlap());
    }

    /**
     * Opens a session of catch-ups, as {@link #continuous} runs them: in log mode this makes the slot and copies
     * every entity with no checkpoint first (as {@link #run} does), and the log reader then stays for the session.
     */
    public CatchUpSession openSession(MigrationListener listener) {
        if (captureMode(listener) == CaptureMode.LOG) {
            LogCapture log = openLog(listener);
            return new CatchUpSession(log::catchUp, new LogWindow(plans, (PgSourceStore) source, target, log),
                    log::close);
        }
        // deletes need a key comparison in watermark mode: only the final run, inside the window, pays for it
        return new CatchUpSession(() -> watermark().run(Optional.empty(), false, false, listener),
                Cutover.full(() -> watermark().run(Optional.empty(), true, true, listener), this::verify), () -> { });
    }

    /**
     * Continuous mode: incremental runs, one after the other, until a run reads at most {@code maxLagRows} rows (the
     * new cluster is that close behind, not counting the overlap it re-reads), then the cut-over in the order
     * {@link CutoverHook} documents: enter the window (old cluster closed, new cluster's gates holding), a final
     * catch-up with deletes propagated, verification (in log mode only of the keys changed since a full verification
     * made just before the window), and, if it matched, switch the traffic, retire the old cluster and open the new
     * one. A mismatch or a failed switch leaves traffic on the old cluster with its window open for the operator, and
     * the report says so ({@link CutoverReport#switchFailure()}). One {@link #openSession session}.
     *
     * @param maxRuns give up (no cut-over) after this many catch-up runs without the lag falling low enough
     * @param pause   wait between catch-up runs
     * @throws UpsilonException when a step fails; the message says where the traffic is and which window is open
     */
    public CutoverReport continuous(long maxLagRows, int maxRuns, Duration pause, CutoverHook hook,
                                    MigrationListener listener, int maxKeys) throws InterruptedException {
        try (CatchUpSession session = openSession(listener)) {
            return session.cutOver(maxLagRows, maxRuns, pause, hook, maxKeys);
        }
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
        List<List<VerifyReport.Table>> perEntity = Parallel.forEach(plans, plan -> verifier.verify(plan, maxKeys));
        return new VerifyReport(perEntity.stream().flatMap(List::stream).toList());
    }

    /**
     * What {@link #run} with these arguments will do, in a line for an operator before it starts: {@code "Migrating 2
     * entities from … to …, each from its checkpoint (or the start) (deletes: ignore)..."}; {@code since} named
     * through {@link Options#names()}.
     */
    public String plan(Optional<String> since, Deletes deletes) {
        int entities = spec.entities().size();
        return "Migrating " + entities + (entities == 1 ? " entity" : " entities") + " from "
                + Migration.describe(spec.source()) + " to " + Migration.describe(spec.target()) + ", "
                + since.map(s -> "from " + options.names().of(MigrationNames.Term.SINCE) + " " + s)
                .orElse("each from its checkpoint (or the start)") + " (deletes: "
                + deletes.name().toLowerCase(java.util.Locale.ROOT) + ")...";
    }

    /**
     * What {@link #verify} will do, in a line for an operator before it starts: {@code "Verifying 2 entities: the
     * transformed source … against the target …..."}.
     */
    public String verifyPlan() {
        return "Verifying " + Narration.plural(spec.entities().size(), "entity", "entities") + ": the transformed"
                + " source " + Migration.describe(spec.source()) + " against the target "
                + Migration.describe(spec.target()) + "...";
    }

    public MigrationSpec spec() {
        return spec;
    }
}
