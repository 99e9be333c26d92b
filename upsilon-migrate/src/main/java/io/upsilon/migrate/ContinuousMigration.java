package io.upsilon.migrate;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.MigrationNames.Term;
import io.upsilon.report.ReportText;
import io.upsilon.report.TextTable;
import io.upsilon.spi.Backend;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.NodeRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A whole continuous migration in one call, as {@code upsilon migrate continuous} runs it: catch-up runs until one
 * reads at most {@code maxLagRows} rows of any entity, then the cut-over in the order {@link CutoverHook} documents
 * ({@link Migrator#continuous} does the runs). With {@link Builder#maintenance} the cut-over goes through the
 * clusters' maintenance windows ({@link MaintenanceCutover}): before any run, a retired cluster or another's window
 * is refused, and a window an earlier cut-over left open is continued in. Without it the cut-over is manual: the
 * operator stops the old cluster's writes, and only the {@link TrafficSwitch} (if any) runs.
 *
 * <pre>{@code
 * ContinuousMigration migration = ContinuousMigration.builder(migrator)
 *         .maxLagRows(1_000).maintenance(oldBackend.maintenance(), oldBackend.nodes())
 *         .newCluster(newBackend.maintenance()).trafficSwitch(lb).narrate(log::info).build();
 * ContinuousMigration.Report report = migration.run();
 * log.info(migration.summary(report));
 * if (report.error().isPresent()) { ... report.outcome() says what stopped it ... }
 * }</pre>
 *
 * <p>Expected ends are values ({@link Report#outcome()}): the lag stayed too high, the target did not match, the
 * switch failed; {@link #failure} says why in one line with the remedy, {@link #view} is the record for JSON. A
 * failure of a store or of the window's drain throws; its message says whether the old cluster's window stays open.
 * A front end gives the settings to {@link #builder()} and {@link Builder#check() checks} them before it opens the
 * stores; every message names settings and commands through {@link Builder#names}.
 */
public final class ContinuousMigration {

    /** How a run ended. */
    public enum Outcome {
        /** Verified clean, traffic switched, the old cluster retired and the new one opened. */
        CUT_OVER(null),
        /** No catch-up run read few enough rows within the allowed runs; no window was opened. */
        LAG_TOO_HIGH(ErrorCode.LAG_TOO_HIGH),
        /** The final verification found a mismatch: traffic stays on the old cluster. */
        VERIFY_MISMATCH(ErrorCode.VERIFY_MISMATCH),
        /** The target matched but the traffic switch failed: traffic stays on the old cluster. */
        SWITCH_FAILED(ErrorCode.SWITCH_FAILED);

        private final ErrorCode error;

        Outcome(ErrorCode error) {
            this.error = error;
        }

        /** The error code of this outcome; empty for {@link #CUT_OVER}. */
        public Optional<ErrorCode> error() {
            return Optional.ofNullable(error);
        }
    }

    /**
     * Hears a run: the runs' batches ({@link MigrationListener}) and the cut-over's steps. Called from the run's
     * threads; keep it quick.
     */
    public interface Listener extends MigrationListener {

        @Override
        default void progress(String entity, long rows, String updatedAt) {
        }

        /**
         * Before the first run: the old cluster's window an earlier cut-over left open (after a mismatch or a failed
         * switch), which this run continues in.
         */
        default void continuing(MaintenanceWindow window) {
        }

        /** The lag is low enough: the window opens now (with a maintenance cut-over, and the drain starts). */
        default void enteringWindow() {
        }

        /** The window is open; with a maintenance cut-over, the old cluster drained in {@code drained}. */
        default void windowEntered(Optional<Duration> drained) {
        }

        /** The target verified clean: the traffic switch runs now. */
        default void switchingTraffic() {
        }

        /**
         * A listener that passes the runs' batches and notices on to {@code runs} (such as a {@link
         * MigrationProgress}) and ignores the cut-over's steps.
         */
        static Listener of(MigrationListener runs) {
            Objects.requireNonNull(runs, "runs");
            return new Listener() {
                @Override
                public void progress(String entity, long rows, String updatedAt) {
                    runs.progress(entity, rows, updatedAt);
                }

                @Override
                public void notice(String line) {
                    runs.notice(line);
                }
            };
        }
    }

    /**
     * What a run did.
     *
     * @param captureMode how the runs read the source's changes
     * @param cutover     the runs, the final catch-up and verification, and whether it cut over
     * @param resumed     the old cluster's window an earlier cut-over left open, which this run continued in
     * @param entered     whether the window was entered (the lag fell low enough)
     * @param drained     how long the old cluster took to drain (maintenance cut-over, once entered)
     * @param switched    whether the traffic switch ran and succeeded
     * @param retired     whether the old cluster was marked retired (maintenance cut-over)
     * @param windowOpen  whether the old cluster's window is open at the end (maintenance cut-over only)
     */
    public record Report(CaptureMode captureMode, CutoverReport cutover, Optional<MaintenanceWindow> resumed,
                         boolean entered, Optional<Duration> drained, boolean switched, boolean retired,
                         Optional<Boolean> windowOpen) {

        /** How it ended. */
        public Outcome outcome() {
            if (cutover.cutOver()) {
                return Outcome.CUT_OVER;
            }
            if (cutover.verify() == null) {
                return Outcome.LAG_TOO_HIGH;
            }
            return cutover.switchFailure() != null ? Outcome.SWITCH_FAILED : Outcome.VERIFY_MISMATCH;
        }

        /** The error code when it did not cut over; empty when it did. */
        public Optional<ErrorCode> error() {
            return outcome().error();
        }
    }

    private final Migrator migrator;
    private final long maxLagRows;
    private final int maxRuns;
    private final Duration pause;
    private final int maxKeys;
    private final MaintenanceCutover maintenance;
    private final MaintenanceStore oldCluster;
    private final TrafficSwitch trafficSwitch;
    private final Narration listener;
    private final String newLocation;
    private final MigrationNames names;

    private ContinuousMigration(Builder b, MaintenanceCutover maintenance) {
        this.migrator = b.migrator;
        this.names = b.names;
        this.maxLagRows = b.maxLagRows;
        this.maxRuns = b.maxRuns;
        this.pause = b.pause;
        this.maxKeys = b.maxKeys;
        this.maintenance = maintenance;
        this.oldCluster = b.oldCluster;
        this.trafficSwitch = b.trafficSwitch;
        this.listener = new Narration(b.listener, b.lines, b.settings());
        this.newLocation = b.newLocation;
    }

    /** A continuous migration with {@code migrator}: manual cut-over, lag 1,000 rows, 100 runs 1 s apart. */
    public static Builder builder(Migrator migrator) {
        return new Builder().migrator(migrator);
    }

    /**
     * A continuous migration whose settings come first and its {@link Builder#migration migration} once the stores
     * are open: a front end {@link Builder#check() checks} the settings before it opens anything.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Checks the clusters' windows (maintenance cut-over), runs the catch-ups and the cut-over.
     *
     * @throws UpsilonException {@code BAD_INPUT} for a retired cluster or another's open window (nothing copied);
     *                          {@code MAINTENANCE} when the drain times out; {@code STORE_FAILURE} when a store fails.
     *                          The message says when the old cluster's window stays open.
     */
    public Report run() throws InterruptedException {
        Optional<MaintenanceWindow> resumed = maintenance == null ? Optional.empty() : maintenance.check();
        resumed.ifPresent(listener::continuing);
        CaptureMode mode = migrator.captureMode(listener); // decided once: the listener hears which and why
        Tracked tracked = new Tracked(maintenance != null ? maintenance : CutoverHook.manual(trafficSwitch));
        CutoverReport cutover;
        try {
            cutover = migrator.continuous(maxLagRows, maxRuns, pause, tracked, listener, maxKeys);
        } catch (UpsilonException e) {
            throw explain(e, tracked);
        }
        Optional<Boolean> windowOpen = oldCluster == null ? Optional.empty()
                : Optional.of(oldCluster.current().isPresent());
        return new Report(mode, cutover, resumed, tracked.entered, Optional.ofNullable(tracked.drained),
                tracked.switched, tracked.retired, windowOpen);
    }

    /**
     * The outcome of {@code report} (of this migration's {@link #run()}) as sentences for an operator's log: whether
     * it cut over, how long the window was held, where the traffic is and which window stays open. Commands are named
     * as the {@code upsilon} CLI spells them.
     */
    public String summary(Report report) {
        return listener.summary(report, newLocation);
    }

    /**
     * {@code report}'s runs for a person, each line ending with a line break: {@code Catch-up runs:} and a table of
     * them (RUN, then the columns of {@link RunReport#table}); once the lag fell low enough, the final catch-up
     * ({@link RunReport#table} with deletes propagated) and the verification ({@link VerifyReport#describe}), all
     * tables indented by two blanks. {@link #summary} follows it.
     */
    public String describe(Report report) {
        CutoverReport cutover = report.cutover();
        TextTable runs = new TextTable("RUN", "ENTITY", "FROM", "READ", "WRITTEN", "WATERMARK", "ROWS/S", "TOOK");
        for (int i = 0; i < cutover.catchUps().size(); i++) {
            for (RunReport.Entity e : cutover.catchUps().get(i).entities()) {
                runs.row(i + 1, e.name(), e.started(), e.rowsRead(), e.describeWritten(), e.watermark(),
                        Math.round(e.rate()), ReportText.duration(e.took()));
            }
        }
        StringBuilder text = new StringBuilder("Catch-up runs:\n").append(runs.text("  "));
        if (cutover.finalRun() != null) {
            text.append("Final catch-up").append(report.entered() && maintenance != null
                    ? " inside the maintenance window" : "").append(" (deletes propagated):\n")
                    .append(cutover.finalRun().table(Migrator.Deletes.PROPAGATE).text("  "))
                    .append("Verification:\n").append(cutover.verify().describe("  ", names));
        }
        return text.toString();
    }

    /**
     * Why {@code report} (of this migration's {@link #run()}) did not cut over, in one line with the remedy: where the
     * traffic is, which window stays open and how to close it; empty when it cut over. Its code is {@link
     * Report#error()}.
     */
    public Optional<String> failure(Report report) {
        return listener.failure(report);
    }

    /**
     * {@code report} as a record for JSON ({@link ContinuousView}), with {@link #failure} as its error.
     *
     * @param spec where the spec came from (a file name), or null
     */
    public ContinuousView view(Report report, String spec) {
        return ContinuousView.of(report, spec, Migration.describe(migrator.spec().source()),
                Migration.describe(migrator.spec().target()), maintenance != null, newLocation, failure(report));
    }

    /** A failure inside the window leaves it open: the message says so (unless it already does). */
    private UpsilonException explain(UpsilonException e, Tracked tracked) {
        if (oldCluster == null) {
            return e;
        }
        boolean open;
        try {
            open = oldCluster.current().isPresent();
        } catch (RuntimeException unreachable) {
            open = tracked.entering && !tracked.opened;
        }
        if (!open || e.getMessage().contains("still open")) {
            return e;
        }
        return new UpsilonException(e.code(), e.getMessage() + "; the maintenance window on the old cluster stays"
                + " open (its nodes hold new work): run again to finish the cut-over, or close it with "
                + names.of(Term.EXIT_OLD), e);
    }

    /** The hook with what it did recorded, and the listener told of each step. */
    private final class Tracked implements CutoverHook {
        private final CutoverHook hook;
        volatile boolean entering;
        volatile boolean entered;
        volatile boolean opened;
        volatile boolean switched;
        volatile boolean retired;
        volatile Duration drained;

        Tracked(CutoverHook hook) {
            this.hook = hook;
        }

        @Override
        public void enterWindow() {
            entering = true;
            listener.enteringWindow();
            long start = System.nanoTime();
            hook.enterWindow();
            entered = true;
            if (maintenance != null) {
                drained = Duration.ofNanos(System.nanoTime() - start);
            }
            listener.windowEntered(Optional.ofNullable(drained));
        }

        @Override
        public void switchTraffic() {
            listener.switchingTraffic();
            hook.switchTraffic();
            switched = true;
        }

        @Override
        public void retireOld() {
            hook.retireOld();
            retired = maintenance != null;
        }

        @Override
        public void openNew() {
            hook.openNew();
            opened = true;
        }
    }

    /**
     * Builds a {@link ContinuousMigration}; checked at {@link #build()}, or earlier with {@link #check()}. Messages
     * name the settings through {@link #names}.
     */
    public static final class Builder {
        private Migrator migrator;
        private Migration migration;
        private long maxLagRows = 1_000;
        private int maxRuns = 100;
        private Duration pause = Duration.ofSeconds(1);
        private String pauseGiven = "1.0"; // as given, for the message: a NaN leaves no Duration to print
        private int maxKeys = 20;
        private MaintenanceStore oldCluster;
        private NodeRegistry oldNodes;
        private MaintenanceStore newCluster;
        private String schema;
        private Duration drain = Duration.ofSeconds(60);
        private boolean drainGiven;
        private String newLocation;
        private TrafficSwitch trafficSwitch = () -> { };
        private boolean switchGiven;
        private String switchCommand;
        private Duration switchTimeout = Duration.ofSeconds(60);
        private Consumer<String> switchOutput = line -> { };
        private Listener listener = new Listener() { };
        private Consumer<String> lines = line -> { };
        private MigrationNames names = MigrationNames.DEFAULT;

        private Builder() {
        }

        /** The migrator whose runs catch up and cut over. */
        public Builder migrator(Migrator value) {
            this.migrator = Objects.requireNonNull(value, "migrator");
            return this;
        }

        /**
         * The opened spec: its {@link Migration#migrator()}, and its databases for {@link #maintenance(String)}.
         *
         * @throws UpsilonException as {@link #maintenance(String)} says, when that was given first
         */
        public Builder migration(Migration value) {
            this.migration = Objects.requireNonNull(value, "migration");
            migrator(value.migrator());
            return openWindows();
        }

        /** Cut over once a catch-up run reads at most this many rows of any entity (0 or more; default 1,000). */
        public Builder maxLagRows(long value) {
            this.maxLagRows = value;
            return this;
        }

        /** Give up ({@link Outcome#LAG_TOO_HIGH}, no window) after this many catch-up runs (1 or more; 100). */
        public Builder maxRuns(int value) {
            this.maxRuns = value;
            return this;
        }

        /** The wait between catch-up runs (0 to 1 hour; default 1 s). */
        public Builder pause(Duration value) {
            this.pause = value;
            this.pauseGiven = value == null ? null : String.valueOf(value.toMillis() / 1000.0);
            return this;
        }

        /**
         * {@link #pause(Duration)} in seconds, as a command line gives it (to the millisecond); NaN, an infinity or a
         * value outside 0 to 3600 fails {@link #check()} naming the value given.
         */
        public Builder pauseSeconds(double seconds) {
            this.pause = Double.isFinite(seconds) && seconds >= 0 && seconds <= 3600
                    ? Duration.ofMillis(Math.round(seconds * 1000)) : null;
            this.pauseGiven = String.valueOf(seconds);
            return this;
        }

        /** The verification lists at most this many keys of each kind per table (0 to 100,000; default 20). */
        public Builder maxKeys(int value) {
            this.maxKeys = value;
            return this;
        }

        /**
         * Cut over through the old cluster's maintenance window: its gates hold new work and the drain waits for
         * {@code oldNodes}' work in flight; after the switch it stays open, retired. Without this the cut-over is
         * manual.
         */
        public Builder maintenance(MaintenanceStore oldCluster, NodeRegistry oldNodes) {
            this.oldCluster = Objects.requireNonNull(oldCluster, "oldCluster");
            this.oldNodes = Objects.requireNonNull(oldNodes, "oldNodes");
            return this;
        }

        /**
         * Cut over through the maintenance windows of the {@link #migration}'s spec databases, their Upsilon tables in
         * {@code schema}: {@link #maintenance(MaintenanceStore, NodeRegistry)} with the old cluster's
         * ({@link Migration#sourceBackend}) and {@link #newCluster} with the new cluster's when the target is a
         * database ({@link Migration#targetBackend}; an HTTP target has no window). Given before the migration, it
         * counts as a maintenance cut-over for {@link #check()}; the windows are opened once both are given.
         *
         * @throws UpsilonException {@code BAD_INPUT} when the spec's source is an HTTP service (no window to open),
         *                          {@code UNKNOWN_BACKEND} when no backend on the class path serves a URL
         */
        public Builder maintenance(String schema) {
            this.schema = Objects.requireNonNull(schema, "schema");
            return openWindows();
        }

        private Builder openWindows() {
            if (schema != null && migration != null) {
                Backend old = migration.sourceBackend(schema, names);
                maintenance(old.maintenance(), old.nodes());
                newCluster(migration.targetBackend(schema).map(Backend::maintenance).orElse(null));
            }
            return this;
        }

        /** The new cluster's maintenance flag (maintenance cut-over): its gates hold work until the switch. */
        public Builder newCluster(MaintenanceStore value) {
            this.newCluster = value;
            return this;
        }

        /**
         * How long the maintenance cut-over waits for the old cluster's work in flight (0 or more; default 60 s).
         * Giving it to a manual cut-over, which drains nothing, is refused.
         */
        public Builder drain(Duration value) {
            this.drain = value;
            this.drainGiven = true;
            return this;
        }

        /** Where the service moves, kept in the retired window (maintenance cut-over only; not blank). */
        public Builder newLocation(String value) {
            this.newLocation = value;
            return this;
        }

        /** How the clients are pointed at the new cluster after a clean verification (default: by hand). */
        public Builder trafficSwitch(TrafficSwitch value) {
            this.trafficSwitch = Objects.requireNonNull(value, "trafficSwitch");
            this.switchGiven = true;
            return this;
        }

        /**
         * Switches the traffic with a shell command ({@link TrafficSwitch#command}, given the spec's source and target
         * addresses), killed after {@code timeout} (1 s or more), its output lines to {@code output}. A null
         * {@code command} leaves the switch to the operator; a blank one is refused.
         */
        public Builder switchCommand(String command, Duration timeout, Consumer<String> output) {
            this.switchCommand = command;
            this.switchTimeout = timeout;
            this.switchOutput = Objects.requireNonNull(output, "output");
            this.switchGiven |= command != null;
            return this;
        }

        /** Hears the runs' progress and the cut-over's steps. */
        public Builder listener(Listener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /**
         * Tells the cut-over's steps to {@code value} as sentences for an operator (a log, a console): the window
         * continued in, the lag caught up and the window opening (and draining), the window open, the traffic switch
         * running. Called from the run's thread, between the runs' batches; the listener hears the same steps as
         * events. Default: silent.
         */
        public Builder narrate(Consumer<String> value) {
            this.lines = Objects.requireNonNull(value, "lines");
            return this;
        }

        /** How messages name the settings and the operator's commands (default {@link MigrationNames#DEFAULT}). */
        public Builder names(MigrationNames value) {
            this.names = Objects.requireNonNull(value, "names");
            return this;
        }

        /**
         * Checks the settings as {@link #build()} does, without the migrator: the limits' ranges, and the window's
         * settings (drain, new location) only with a maintenance cut-over.
         *
         * @throws UpsilonException {@code BAD_INPUT} naming the setting ({@link #names}) and what it must be
         */
        public Builder check() {
            boolean maintenance = oldCluster != null || schema != null;
            check(maxLagRows >= 0, name(Term.MAX_LAG_ROWS) + " must be 0 or more, got " + maxLagRows);
            check(maxRuns >= 1, name(Term.MAX_RUNS) + " must be 1 or more, got " + maxRuns);
            check(pause != null && !pause.isNegative() && pause.compareTo(Duration.ofHours(1)) <= 0,
                    name(Term.PAUSE) + " must be 0 to 3600 seconds, got " + pauseGiven);
            check(drain != null && !drain.isNegative(), name(Term.DRAIN) + " must be 0 or more seconds, got "
                    + (drain == null ? null : drain.toSeconds()));
            Migrator.Options.defaults().withNames(names).maxKeys(maxKeys);
            check(switchTimeout != null && switchTimeout.toMillis() >= 1000, name(Term.SWITCH_TIMEOUT)
                    + " must be 1 or more seconds, got " + (switchTimeout == null ? null : switchTimeout.toSeconds()));
            check(switchCommand == null || !switchCommand.isBlank(), name(Term.SWITCH_COMMAND) + " is blank; give"
                    + " the command that points the clients at the new cluster, or leave the option out to switch"
                    + " by hand");
            check(newLocation == null || (!newLocation.isBlank() && maintenance), name(Term.NEW_LOCATION)
                    + " needs a non-blank address and " + name(Term.MAINTENANCE_CUTOVER) + ": it is kept in the old"
                    + " cluster's retired window, which " + name(Term.MANUAL_CUTOVER) + " does not open");
            check(maintenance || !drainGiven, name(Term.DRAIN) + " only applies to " + name(Term.MAINTENANCE_CUTOVER)
                    + "; with " + name(Term.MANUAL_CUTOVER) + " nothing is drained, so leave it out");
            check(maintenance || newCluster == null, "a new cluster needs " + name(Term.MAINTENANCE_CUTOVER)
                    + ": it is held in its window, which " + name(Term.MANUAL_CUTOVER) + " does not open");
            return this;
        }

        /**
         * @throws UpsilonException {@code BAD_INPUT} as {@link #check()} says, or for {@link #maintenance(String)}
         *                          with an HTTP source; {@code UNKNOWN_BACKEND} when no backend serves the spec's URLs
         * @throws IllegalStateException without a migrator, or {@link #maintenance(String)} without a migration
         */
        public ContinuousMigration build() {
            check();
            if (migrator == null || (schema != null && migration == null)) {
                throw new IllegalStateException(migrator == null ? "no migrator: give one to builder(migrator),"
                        + " migrator(...) or migration(...)" : "maintenance(schema) opens the spec's databases:"
                        + " give the opened spec with migration(...)");
            }
            if (switchCommand != null) {
                trafficSwitch(TrafficSwitch.command(switchCommand, Migration.describe(migrator.spec().source()),
                        Migration.describe(migrator.spec().target()), switchTimeout, switchOutput));
            }
            MaintenanceCutover maintenance = oldCluster == null ? null : MaintenanceCutover.builder(oldCluster,
                    oldNodes).drain(drain).newCluster(newCluster).newLocation(newLocation)
                    .trafficSwitch(trafficSwitch).names(names).build();
            return new ContinuousMigration(this, maintenance);
        }

        /**
         * What the migration will do, in a sentence for an operator before it starts: {@code "Continuous migration
         * from … to …: catch-up runs until one reads at most 1000 rows (at most 100 runs, 1.0 s apart), then the
         * cut-over in the old cluster's maintenance window."}
         *
         * @throws IllegalStateException without a migrator
         */
        public String plan() {
            if (migrator == null) {
                throw new IllegalStateException("no migrator: give one to builder(migrator), migrator or migration");
            }
            return Narration.plan(settings(), Migration.describe(migrator.spec().source()),
                    Migration.describe(migrator.spec().target()));
        }

        private Narration.Settings settings() {
            return new Narration.Settings(maxLagRows, maxRuns, pause, oldCluster != null || schema != null, drain,
                    switchGiven, names);
        }

        private String name(Term term) {
            return names.of(term);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, message);
            }
        }
    }
}
