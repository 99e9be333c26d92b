package io.upsilon.migrate;

import io.upsilon.ErrorCode;
import io.upsilon.MaintenanceDrain;
import io.upsilon.UpsilonException;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.NodeRegistry;
import java.time.Duration;

/**
 * What a continuous migration does around its final catch-up: open the maintenance window so no new work starts on
 * the old cluster, and close it once the new cluster has been verified (and traffic switched).
 */
public interface CutoverHook {

    /** The reason the maintenance hook gives its window, by which a rerun recognises a window it left open. */
    String REASON = "side-by-side cut-over";
    /** Who the maintenance hook says opened its window. */
    String WHO = "upsilon migrate";

    /** Stops new work on the old cluster; returns once in-flight work has finished. */
    void enterWindow();

    /** Called after a clean verification, inside the window: point the load balancer at the new cluster here. */
    default void switchTraffic() {
    }

    /** Called after {@link #switchTraffic()}: lets work start again. */
    void exitWindow();

    /** A hook that does nothing, for a cut-over the operator handles by hand. */
    static CutoverHook manual() {
        return new CutoverHook() {
            @Override
            public void enterWindow() {
            }

            @Override
            public void exitWindow() {
            }
        };
    }

    /**
     * The cluster's maintenance window: entering it makes every node's {@code MaintenanceGate} hold new work, and
     * the drain waits until every live node reports nothing in flight.
     *
     * @param store   the old cluster's maintenance flag
     * @param nodes   its node table, for the drain
     * @param drain   how long to wait for in-flight work
     */
    static CutoverHook maintenance(MaintenanceStore store, NodeRegistry nodes, Duration drain) {
        return new CutoverHook() {
            @Override
            public void enterWindow() {
                store.current().filter(w -> !REASON.equals(w.reason()) || !WHO.equals(w.who())).ifPresent(w -> {
                    throw new UpsilonException(ErrorCode.MAINTENANCE, "a maintenance window opened by " + w.who()
                            + " (" + w.reason() + ") is already open; a cut-over would close it: wait for it to"
                            + " close, or close it first");
                });
                MaintenanceWindow window = store.enter(REASON, WHO);
                try {
                    MaintenanceDrain.Result result = MaintenanceDrain.await(nodes, window, drain,
                            Duration.ofMillis(100));
                    if (!result.drained()) {
                        throw new UpsilonException(ErrorCode.MAINTENANCE, "nodes still busy after " + drain.toSeconds()
                                + " s: " + result.busy().stream().map(n -> n.nodeId()).toList() + "; the window is"
                                + " still open: wait and run again, or 'upsilon maintenance exit' on the old"
                                + " cluster to abort");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new UpsilonException(ErrorCode.MAINTENANCE, "interrupted while draining", e);
                }
            }

            @Override
            public void exitWindow() {
                store.exit();
            }
        };
    }
}
