package io.upsilon.migrate;

import io.upsilon.spi.MaintenanceWindow;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A continuous migration's steps told as sentences for an operator ({@link ContinuousMigration.Builder#narrate}),
 * and its outcome ({@link ContinuousMigration#summary}). The events go on to the listener unchanged.
 */
final class Narration implements ContinuousMigration.Listener {

    private final ContinuousMigration.Listener listener;
    private final Consumer<String> lines;
    private final long maxLagRows;
    private final boolean maintenance;
    private final Duration drain;
    private final boolean switchGiven;

    Narration(ContinuousMigration.Listener listener, Consumer<String> lines, long maxLagRows, boolean maintenance,
              Duration drain, boolean switchGiven) {
        this.listener = listener;
        this.lines = lines;
        this.maxLagRows = maxLagRows;
        this.maintenance = maintenance;
        this.drain = drain;
        this.switchGiven = switchGiven;
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
        lines.accept("The maintenance window an earlier cut-over opened is still open (since " + w.since() + ", by "
                + w.who() + ": " + w.reason() + (w.location() == null ? "" : " to " + w.location())
                + "); the cut-over continues in it.");
    }

    @Override
    public void enteringWindow() {
        listener.enteringWindow();
        lines.accept("Caught up (a run read at most " + maxLagRows + " rows): " + (maintenance
                ? "opening the maintenance window on the old cluster and draining its work in flight (up to "
                + (drain.toMillis() % 1000 == 0 ? drain.toSeconds() + " s" : duration(drain)) + ")..."
                : "final catch-up and verification (manual cut-over: no window)..."));
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
            lines.accept("Verified: running the traffic switch...");
        }
    }

    /** The outcome in a sentence or three: where the traffic is, and which window stays open. */
    String summary(ContinuousMigration.Report result, String newLocation) {
        CutoverReport report = result.cutover();
        if (report.finalRun() == null) {
            return "The lag stayed above " + maxLagRows + " rows: no window was opened, nothing was cut over.";
        }
        if (!maintenance) {
            return report.cutOver() ? "Cut over: the target matches. Final catch-up and verification took "
                    + duration(report.windowHeld()) + "; no window was opened (manual cut-over): "
                    + (switchGiven ? "the traffic switch pointed the traffic at the new cluster."
                    : "switch traffic to the new cluster now.")
                    : report.switchFailure() != null ? "Not cut over: the switch failed (" + report.switchFailure()
                    + "); traffic stays on the old cluster." : "Not cut over: the target does not match.";
        }
        String held = "The maintenance window was held for " + duration(report.windowHeld())
                + result.drained().map(d -> " (drain " + duration(d) + ")").orElse("");
        if (report.cutOver()) {
            return "Cut over: the target matches. " + held + "; " + (switchGiven
                    ? "the traffic switch pointed the traffic at the new cluster, which is open."
                    : "switch traffic to the new cluster now (the new cluster is open).")
                    + " The old cluster stays retired: its window stays open (reason " + CutoverHook.MOVED
                    + (newLocation == null ? "" : ", new location " + newLocation) + "), its gates refuse work,"
                    + " and only 'upsilon maintenance exit --yes' on the old cluster reopens it.";
        }
        if (report.switchFailure() != null) {
            return "Not cut over: the target matches, but the switch failed (" + report.switchFailure() + "). "
                    + held + " so far and stays open: traffic stays on the old cluster.";
        }
        return result.windowOpen().orElse(false) ? "Not cut over: the target does not match. " + held + " so far"
                + " and stays open: traffic stays on the old cluster; close it with 'upsilon maintenance exit' on"
                + " the old cluster." : "Not cut over: the target does not match. " + held + ".";
    }

    /** "850 ms", "12.3 s". */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
