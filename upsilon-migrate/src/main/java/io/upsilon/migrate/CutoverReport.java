package io.upsilon.migrate;

import java.time.Duration;
import java.util.List;

/**
 * What a continuous migration did.
 *
 * @param catchUps      the incremental runs before the cut-over, in order
 * @param finalRun      the catch-up inside the maintenance window (null if it never got there)
 * @param verify        the verification inside the window (null if it never got there)
 * @param windowHeld    how long the maintenance window was open, up to the new cluster's opening
 * @param cutOver       whether the cut-over completed: verified clean, traffic switched, the old cluster retired and
 *                      the new one opened
 * @param switchFailure why {@link CutoverHook#switchTraffic()} failed (traffic stays on the old cluster), or null
 *                      when it switched or was not called
 */
public record CutoverReport(List<RunReport> catchUps, RunReport finalRun, VerifyReport verify, Duration windowHeld,
                            boolean cutOver, String switchFailure) {

    /** Which cluster takes the traffic after the cut-over (or the attempt). */
    public enum Traffic {
        /** The old cluster: nothing was switched (its window may still hold the work). */
        OLD,
        /** The new cluster: the switch succeeded; the old one is retired. */
        NEW
    }

    public CutoverReport {
        catchUps = List.copyOf(catchUps);
    }

    /** A report with no switch failure. */
    public CutoverReport(List<RunReport> catchUps, RunReport finalRun, VerifyReport verify, Duration windowHeld,
                         boolean cutOver) {
        this(catchUps, finalRun, verify, windowHeld, cutOver, null);
    }

    /** Where the traffic is now. */
    public Traffic traffic() {
        return cutOver ? Traffic.NEW : Traffic.OLD;
    }
}
