package io.upsilon.migrate;

import io.upsilon.migrate.internal.Cutover;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Catch-ups against one migration as continuous mode runs them, from {@link Migrator#openSession}: in log mode the
 * slot's reader starts at the first catch-up that needs it and stays until {@link #close()}, so each later catch-up
 * costs only the changes it applies; in watermark mode each catch-up is an incremental run. Ends with at most one
 * {@link #cutOver}. One caller at a time.
 */
public final class CatchUpSession implements AutoCloseable {

    private final Supplier<RunReport> catchUp;
    private final Cutover cutover;
    private final Runnable onClose;

    CatchUpSession(Supplier<RunReport> catchUp, Cutover.WindowCheck window, Runnable onClose) {
        this.catchUp = catchUp;
        this.cutover = new Cutover(catchUp, window);
        this.onClose = onClose;
    }

    /**
     * Applies what changed on the source since the last catch-up (the first one after a first copy reports that
     * copy): in log mode every change committed before this call; in watermark mode the rows updated since the
     * checkpoints, re-reading the spec's overlap, without looking for deletes.
     *
     * @throws io.upsilon.UpsilonException {@code STORE_FAILURE} when a store fails or the log reader stops
     */
    public RunReport catchUp() {
        return catchUp.get();
    }

    /**
     * Catch-up runs until one is at most {@code maxLagRows} rows behind (not counting the overlap it re-reads), then
     * the cut-over, as {@link Migrator#continuous} documents.
     *
     * @param maxRuns give up (no cut-over) after this many catch-up runs without the lag falling low enough
     * @param pause   wait between catch-up runs
     * @param maxKeys keys of each kind the window's verification lists at most
     * @throws io.upsilon.UpsilonException when a step fails; the message says where the traffic is and which window
     *                                     is open
     */
    public CutoverReport cutOver(long maxLagRows, int maxRuns, Duration pause, CutoverHook hook, int maxKeys)
            throws InterruptedException {
        return cutover.run(maxLagRows, maxRuns, pause, hook, maxKeys);
    }

    /** Stops the log reader, if one runs; the slot keeps its confirmed position for the next session. */
    @Override
    public void close() {
        onClose.run();
    }
}
