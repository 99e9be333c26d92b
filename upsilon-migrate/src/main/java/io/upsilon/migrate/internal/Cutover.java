package io.upsilon.migrate.internal;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.CutoverHook;
import io.upsilon.migrate.CutoverReport;
import io.upsilon.migrate.RunReport;
import io.upsilon.migrate.VerifyReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Continuous mode's loop and cut-over, in the order {@link CutoverHook} documents: catch-up runs until one is at most
 * {@code maxLagRows} behind, then the window: enter it (old cluster closed, new cluster's gates holding), the final
 * catch-up, the verification, and only if it matched: switch the traffic, retire the old cluster, open the new one.
 * What the window verifies is the {@link WindowCheck}'s business: only what changed, or everything.
 */
public final class Cutover {

    /** What runs before and inside the window. */
    public interface WindowCheck {

        /** Called once the lag is low, before the window opens: e.g. a full verification while changes still flow. */
        void beforeWindow();

        /** The final catch-up, inside the window. */
        RunReport finalRun();

        /** The verification inside the window, listing at most {@code maxKeys} keys of each kind. */
        VerifyReport verify(int maxKeys);
    }

    private final Supplier<RunReport> catchUp;
    private final WindowCheck window;

    public Cutover(Supplier<RunReport> catchUp, WindowCheck window) {
        this.catchUp = catchUp;
        this.window = window;
    }

    /** A check that verifies everything inside the window, after {@code finalRun}. */
    public static WindowCheck full(Supplier<RunReport> finalRun, IntFunction<VerifyReport> verify) {
        return new WindowCheck() {
            @Override
            public void beforeWindow() {
            }

            @Override
            public RunReport finalRun() {
                return finalRun.get();
            }

            @Override
            public VerifyReport verify(int maxKeys) {
                return verify.apply(maxKeys);
            }
        };
    }

    /**
     * Catches up, then cuts over.
     *
     * @throws UpsilonException when a step fails; the message says where the traffic is and which window is open
     */
    public CutoverReport run(long maxLagRows, int maxRuns, Duration pause, CutoverHook hook, int maxKeys)
            throws InterruptedException {
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
        window.beforeWindow();
        long opened = System.nanoTime();
        hook.enterWindow();
        RunReport last;
        VerifyReport verified;
        try {
            last = window.finalRun();
            verified = window.verify(maxKeys);
        } catch (UpsilonException e) {
            throw new UpsilonException(e.code(), e.getMessage() + "; the maintenance window stays open and traffic"
                    + " stays on the old cluster: fix the cause and run again, or exit the window", e);
        }
        if (!verified.matches()) {
            return new CutoverReport(catchUps, last, verified, since(opened), false);
        }
        try {
            hook.switchTraffic();
        } catch (RuntimeException e) {
            return new CutoverReport(catchUps, last, verified, since(opened), false, String.valueOf(e.getMessage()));
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
        return new CutoverReport(catchUps, last, verified, since(opened), true);
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
