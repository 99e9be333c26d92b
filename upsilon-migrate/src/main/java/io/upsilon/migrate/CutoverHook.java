package io.upsilon.migrate;

import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.NodeRegistry;
import java.time.Duration;

/**
 * What a continuous migration ({@link Migrator#continuous}) does around its final catch-up, in the order of a
 * side-by-side move: the service is reachable on exactly one cluster at any time, and never again on the old one
 * once it moved.
 *
 * <ol>
 *   <li>{@link #enterWindow()}: no new work starts on the old cluster (its window opens, in-flight work drains), and
 *       the new cluster's gates hold work until the switch;</li>
 *   <li>the migrator runs the final catch-up and verifies the target;</li>
 *   <li>{@link #switchTraffic()}, only after a clean verification: clients are pointed at the new cluster;</li>
 *   <li>{@link #retireOld()}, only after a successful switch: the old cluster's window stays open for good, with the
 *       reason {@link #MOVED};</li>
 *   <li>{@link #openNew()}, last: the new cluster's gates let work through.</li>
 * </ol>
 *
 * If verification finds a mismatch, or the switch throws, neither {@link #retireOld()} nor {@link #openNew()} is
 * called: traffic stays on the old cluster, whose window stays open (its nodes hold new work) so the operator can
 * fix the target and run again (a rerun continues in the window it recognises by {@link #REASON} and {@link #WHO}),
 * or give the old cluster back its traffic with {@code upsilon maintenance exit}. An exception thrown by
 * {@link #enterWindow()} stops the migration before the final catch-up.
 *
 * <p>Implementations: {@link #manual()} (the operator does everything), {@link MaintenanceCutover} (the clusters'
 * maintenance windows, and a {@link TrafficSwitch}), or the application's own.
 */
public interface CutoverHook {

    /** The reason a cut-over gives the windows it opens, by which a rerun recognises a window it left open. */
    String REASON = "side-by-side cut-over";
    /** Who a cut-over says opened its windows. */
    String WHO = "upsilon migrate";
    /** The reason of a retired cluster's window: the service moved away from it ({@link MaintenanceWindow#MOVED}). */
    String MOVED = MaintenanceWindow.MOVED;

    /**
     * Stops new work on the old cluster and holds it at the new cluster's gates; returns once the old cluster's work
     * in flight has finished.
     *
     * @throws io.upsilon.UpsilonException when it cannot (e.g. nodes still busy); nothing is copied then
     */
    void enterWindow();

    /**
     * Called after a clean verification, inside the window: point the clients (the load balancer, DNS) at the new
     * cluster. Returns once they are switched.
     *
     * @throws RuntimeException to say the switch failed: traffic stays on the old cluster and the cut-over reports
     *                          the message
     */
    default void switchTraffic() {
    }

    /** Called after a successful {@link #switchTraffic()}: the old cluster stays closed (reason {@link #MOVED}). */
    default void retireOld() {
    }

    /** Called last, after {@link #retireOld()}: the new cluster's gates let work through. */
    default void openNew() {
    }

    /** A hook that does nothing, for a cut-over the operator handles by hand. */
    static CutoverHook manual() {
        return () -> { };
    }

    /** A hook that only switches the traffic: the operator stops the old cluster's writes by hand. */
    static CutoverHook manual(TrafficSwitch trafficSwitch) {
        return new CutoverHook() {
            @Override
            public void enterWindow() {
            }

            @Override
            public void switchTraffic() {
                trafficSwitch.run();
            }
        };
    }

    /**
     * The old cluster's maintenance window, with nothing done on the new cluster and no switch: see
     * {@link MaintenanceCutover#builder} for both.
     *
     * @param store the old cluster's maintenance flag
     * @param nodes its node table, for the drain
     * @param drain how long to wait for in-flight work
     */
    static CutoverHook maintenance(MaintenanceStore store, NodeRegistry nodes, Duration drain) {
        return MaintenanceCutover.builder(store, nodes).drain(drain).build();
    }
}
