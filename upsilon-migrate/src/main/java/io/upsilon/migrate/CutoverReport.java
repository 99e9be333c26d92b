package io.upsilon.migrate;

import java.time.Duration;
import java.util.List;

/**
 * What a continuous migration did.
 *
 * @param catchUps   the incremental runs before the cut-over, in order
 * @param finalRun   the catch-up inside the maintenance window (null if it never got there)
 * @param verify     the verification inside the window (null if it never got there)
 * @param windowHeld how long the maintenance window was open
 * @param cutOver    whether the cut-over completed: verified clean and the window closed
 */
public record CutoverReport(List<RunReport> catchUps, RunReport finalRun, VerifyReport verify, Duration windowHeld,
                            boolean cutOver) {

    public CutoverReport {
        catchUps = List.copyOf(catchUps);
    }
}
