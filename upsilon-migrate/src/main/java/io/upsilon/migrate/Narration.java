package io.upsilon.migrate;

import io.upsilon.migrate.MigrationNames.Term;
import io.upsilon.spi.MaintenanceWindow;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A continuous migration's steps told as sentences for an operator ({@link ContinuousMigration.Builder#narrate}),
 * its plan, outcome and failure ({@link ContinuousMigration.Builder#plan}, {@link ContinuousMigration#summary},
 * {@link ContinuousMigration#failure}); settings and commands are named through {@link MigrationNames}. The events
 * go on to the listener unchanged.
 */
final class Narration implements ContinuousMigration.Listener {

    /** The migration's settings the sentences tell of. */
    record Settings(long maxLagRows, int maxRuns, Duration pause, boolean maintenance, Duration drain,
                    boolean switchGiven, MigrationNames names) {
    }

    private final ContinuousMigration.Listener listener;
    private final Consumer<String> lines;
    private final Settings settings;
    private final long maxLagRows;
    private final boolean maintenance;
    private final boolean switchGiven;
    private final MigrationNames names;

    Narration(ContinuousMigration.Listener listener, Consumer<String> lines, Settings settings) {
        this.listener = listener;
        this.lines = lines;
        this.settings = settings;
        this.maxLagRows = settings.maxLagRows();
        this.maintenance = settings.maintenance();
        this.switchGiven = settings.switchGiven();
        this.names = settings.names();
    }

    @Override
    public void progress(String entity, long rows, String updatedAt) {
        listener.progress(entity, rows, updatedAt);
    }

    @Override
    public void notice(String line) {
        listener.notice(line);
    }

    @Override
    public void continuing(MaintenanceWindow w) {
        listener.continuing(w);
        lines.accept("The maintenance window an earlier " + names.of(Term.CUTOVER_RUN) + " opened is still open (since "
                + w.since() + ", by " + w.who() + ": " + w.reason() + (w.location() == null ? "" : " to "
                + w.location()) + "); the cut-over continues in it.");
    }

    @Override
    public void enteringWindow() {
        listener.enteringWindow();
        Duration drain = settings.drain();
        lines.accept("Caught up (a run read at most " + maxLagRows + " rows): " + (maintenance
                ? "opening the maintenance window on the old cluster and draining its work in flight (up to "
                + (drain.toMillis() % 1000 == 0 ? drain.toSeconds() + " s" : duration(drain)) + ")..."
                : "final catch-up and verification (" + names.of(Term.MANUAL_CUTOVER) + ": no window)..."));
    }

    @Override
    public void windowEntered(Optional<Duration> drained) {
        listener.windowEntered(drained);
        drained.ifPresent(d -> lines.accept("Window open, drained in " + duration(d) + ": final catch-up (deletes"
                + " propagated) and verification..."));
    }

    @Override
    public void switchingTraffic() {
        listener.switchingTraffic();
        if (switchGiven) {
            lines.accept("Verified: running " + names.of(Term.TRAFFIC_SWITCH) + "...");
        }
    }

    /** Before the runs: the lag to reach, the runs allowed and the kind of cut-over. */
    static String plan(Settings settings, String source, String target) {
        return "Continuous migration from " + source + " to " + target + ": catch-up runs until one reads at most "
                + plural(settings.maxLagRows(), "row", "rows") + " (at most " + plural(settings.maxRuns(), "run",
                "runs") + ", " + duration(settings.pause()) + " apart), then" + (settings.maintenance()
                ? " the cut-over in the old cluster's maintenance window."
                : " the cut-over (" + settings.names().of(Term.MANUAL_CUTOVER) + ": no window is opened).");
    }

    /** The outcome in a sentence or three: where the traffic is, and which window stays open. */
    String summary(ContinuousMigration.Report result, String newLocation) {
        CutoverReport report = result.cutover();
        if (report.finalRun() == null) {
            return "The lag stayed above " + maxLagRows + " rows: no window was opened, nothing was cut over.";
        }
        String switched = names.of(Term.TRAFFIC_SWITCH) + " pointed the traffic at the new cluster";
        if (!maintenance) {
            return report.cutOver() ? "Cut over: the target matches. Final catch-up and verification took "
                    + duration(report.windowHeld()) + "; no window was opened (" + names.of(Term.MANUAL_CUTOVER)
                    + "): " + (switchGiven ? switched + "." : "switch traffic to the new cluster now.")
                    : report.switchFailure() != null ? "Not cut over: the switch failed (" + report.switchFailure()
                    + "); traffic stays on the old cluster." : "Not cut over: the target does not match.";
        }
        String held = "The maintenance window was held for " + duration(report.windowHeld())
                + result.drained().map(d -> " (drain " + duration(d) + ")").orElse("");
        if (report.cutOver()) {
            return "Cut over: the target matches. " + held + "; " + (switchGiven ? switched + ", which is open."
                    : "switch traffic to the new cluster now (the new cluster is open).")
                    + " The old cluster stays retired: its window stays open (reason " + CutoverHook.MOVED
                    + (newLocation == null ? "" : ", new location " + newLocation) + "), its gates refuse work,"
                    + " and only " + names.of(Term.FORCE_EXIT_OLD) + " reopens it.";
        }
        if (report.switchFailure() != null) {
            return "Not cut over: the target matches, but the switch failed (" + report.switchFailure() + "). "
                    + held + " so far and stays open: traffic stays on the old cluster.";
        }
        return result.windowOpen().orElse(false) ? "Not cut over: the target does not match. " + held + " so far"
                + " and stays open: traffic stays on the old cluster; close it with " + names.of(Term.EXIT_OLD) + "."
                : "Not cut over: the target does not match. " + held + ".";
    }

    /** Why it did not cut over, in one line with the remedy; empty when it did. */
    Optional<String> failure(ContinuousMigration.Report result) {
        CutoverReport report = result.cutover();
        boolean windowOpen = result.windowOpen().orElse(false);
        String exit = names.of(Term.EXIT_OLD);
        String verify = names.of(Term.VERIFY);
        return Optional.ofNullable(switch (result.outcome()) {
            case CUT_OVER -> null;
            case SWITCH_FAILED -> "the target matches, but the traffic switch failed: " + report.switchFailure()
                    + "; traffic stays on the old cluster" + (windowOpen ? ", whose maintenance window stays open"
                    + " (its nodes hold new work): fix the switch and run again to finish the cut-over, or close the"
                    + " window with " + exit + " to let the old cluster work again" : ": fix the switch and run again");
            case LAG_TOO_HIGH -> "the lag did not fall to " + names.of(Term.MAX_LAG_ROWS) + " " + maxLagRows
                    + " within " + names.of(Term.MAX_RUNS) + " " + settings.maxRuns() + " catch-up runs (the last"
                    + " read " + plural(report.catchUps().get(report.catchUps().size() - 1).maxRowsRead(), "row",
                    "rows") + "); " + (windowOpen ? "nothing was cut over and the maintenance window an earlier run"
                    + " opened stays open: run again, or close it with " + exit : "no window was opened and nothing"
                    + " was cut over: run again when the old cluster is quieter, or raise " + names.of(Term.MAX_RUNS)
                    + " or " + names.of(Term.MAX_LAG_ROWS));
            case VERIFY_MISMATCH -> "verification after the final catch-up failed: " + plural(
                    report.verify().mismatches(), "mismatching key", "mismatching keys") + " in "
                    + report.verify().mismatched() + (windowOpen ? "; the maintenance window on the old cluster"
                    + " stays open, so traffic stays there and its nodes hold new work: fix the target (see " + verify
                    + ") and run again, or close the window with " + exit + " to let the old cluster work again"
                    : "; nothing was cut over: fix the target (see " + verify + ") and run again");
        });
    }

    /** "1 row", "3 rows". */
    static String plural(long count, String noun, String nouns) {
        return count + " " + (count == 1 ? noun : nouns);
    }

    /** "850 ms", "12.3 s". */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
