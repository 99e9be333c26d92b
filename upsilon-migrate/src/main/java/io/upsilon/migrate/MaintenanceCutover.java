package io.upsilon.migrate;

import io.upsilon.ErrorCode;
import io.upsilon.MaintenanceDrain;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.MigrationNames.Term;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.NodeRegistry;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A cut-over through the clusters' maintenance windows (see {@link CutoverHook} for the order):
 * <ul>
 *   <li>{@link #enterWindow()} opens the new cluster's window (when given: its gates hold work until the switch),
 *       then the old cluster's, and waits until every live old node reports nothing in flight;</li>
 *   <li>{@link #switchTraffic()} runs the {@link TrafficSwitch} (none by default);</li>
 *   <li>{@link #retireOld()} turns the old cluster's window, without closing it, into a retired cluster's (reason
 *       {@link CutoverHook#MOVED}, with the new location): its gates answer 503 naming that location from then on,
 *       and only {@code upsilon maintenance exit --yes} reopens it;</li>
 *   <li>{@link #openNew()} closes the new cluster's window.</li>
 * </ul>
 * Both windows are opened with {@link CutoverHook#REASON} and {@link CutoverHook#WHO}, so a rerun after a failed
 * verification or switch continues in them. A window opened by anyone else, or a retired cluster, is refused.
 */
public final class MaintenanceCutover implements CutoverHook {

    private final MaintenanceStore oldCluster;
    private final NodeRegistry oldNodes;
    private final Duration drain;
    private final MaintenanceStore newCluster;
    private final String newLocation;
    private final TrafficSwitch trafficSwitch;
    private final MigrationNames names;

    private MaintenanceCutover(Builder b) {
        this.names = b.names;
        this.oldCluster = b.oldCluster;
        this.oldNodes = b.oldNodes;
        this.drain = b.drain;
        this.newCluster = b.newCluster;
        this.newLocation = b.newLocation;
        this.trafficSwitch = b.trafficSwitch;
    }

    /**
     * @param oldCluster the old cluster's maintenance flag
     * @param oldNodes   its node table, for the drain
     */
    public static Builder builder(MaintenanceStore oldCluster, NodeRegistry oldNodes) {
        return new Builder(oldCluster, oldNodes);
    }

    /** Whether an open window is one a cut-over opened ({@link #REASON} by {@link #WHO}): a rerun continues in it. */
    public static boolean ownWindow(MaintenanceWindow window) {
        return REASON.equals(window.reason()) && WHO.equals(window.who());
    }

    /**
     * Checks, before anything is copied, that a cut-over may start: neither cluster is retired, and no window but a
     * cut-over's own ({@link #ownWindow}) is open on either. Also the first read of both clusters' Upsilon tables,
     * so an unreachable cluster fails here.
     *
     * @return the old cluster's window an earlier cut-over left open (after a mismatch or a failed switch), which this
     *         one continues in; empty when none is open
     * @throws UpsilonException {@code BAD_INPUT} for a retired cluster or another's window, {@code STORE_FAILURE}
     *                          when a cluster cannot be read
     */
    public Optional<MaintenanceWindow> check() {
        Optional<MaintenanceWindow> open = oldCluster.current();
        open.ifPresent(w -> {
            if (w.moved()) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "the old cluster was retired by an earlier cut-over"
                        + " (" + describe(w) + "): " + w.movedTo() + "; there is nothing to cut over (to reopen it"
                        + " anyway, " + names.of(Term.FORCE_EXIT_OLD) + ")");
            }
            if (!ownWindow(w)) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "a maintenance window is already open on the old"
                        + " cluster (" + describe(w) + ") and the cut-over would close it; close it first with"
                        + " " + names.of(Term.EXIT_OLD) + ", or " + names.of(Term.CUT_OVER_BY_HAND) + " if the writes"
                        + " are already stopped");
            }
        });
        if (newCluster != null) {
            newCluster.current().filter(w -> w.moved() || !ownWindow(w)).ifPresent(w -> {
                throw new UpsilonException(ErrorCode.BAD_INPUT, w.moved() ? "the new cluster was retired by an"
                        + " earlier cut-over (" + describe(w) + "): a cut-over to it would lose writes; check the"
                        + " spec's target" : "a maintenance window is already open on the new cluster ("
                        + describe(w) + ") and the cut-over would close it: wait for it to close, or close it"
                        + " first");
            });
        }
        return open;
    }

    private static String describe(MaintenanceWindow w) {
        return "since " + w.since() + ", by " + w.who() + ": " + w.reason()
                + (w.location() == null ? "" : " to " + w.location());
    }

    @Override
    public void enterWindow() {
        refuseForeign(oldCluster.current(), "old");
        if (newCluster != null) {
            refuseForeign(newCluster.current(), "new");
            newCluster.enter(REASON, WHO);
        }
        MaintenanceWindow window = oldCluster.enter(REASON, WHO);
        try {
            MaintenanceDrain.Result result = MaintenanceDrain.await(oldNodes, window, drain, Duration.ofMillis(100));
            if (!result.drained()) {
                throw new UpsilonException(ErrorCode.MAINTENANCE, "nodes still busy after " + drain.toSeconds()
                        + " s: " + result.busy().stream().map(n -> n.nodeId()).toList() + "; the window is"
                        + " still open: wait and run again, or " + names.of(Term.EXIT_OLD) + " to abort");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpsilonException(ErrorCode.MAINTENANCE, "interrupted while draining", e);
        }
    }

    private static void refuseForeign(Optional<MaintenanceWindow> open, String which) {
        open.ifPresent(w -> {
            if (w.moved()) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "the " + which + " cluster was retired by an earlier"
                        + " cut-over (its window is open since " + w.since() + ": " + w.movedTo() + "); a cut-over"
                        + " from or to it would lose writes: check the spec's source and target");
            }
            if (!ownWindow(w)) {
                throw new UpsilonException(ErrorCode.MAINTENANCE, "a maintenance window opened by " + w.who()
                        + " (" + w.reason() + ") is already open on the " + which + " cluster; a cut-over would"
                        + " close it: wait for it to close, or close it first");
            }
        });
    }

    @Override
    public void switchTraffic() {
        trafficSwitch.run();
    }

    @Override
    public void retireOld() {
        oldCluster.retire(WHO, newLocation);
    }

    @Override
    public void openNew() {
        if (newCluster != null) {
            newCluster.exit();
        }
    }

    /** Builds a {@link MaintenanceCutover}. */
    public static final class Builder {
        private final MaintenanceStore oldCluster;
        private final NodeRegistry oldNodes;
        private Duration drain = Duration.ofSeconds(60);
        private MaintenanceStore newCluster;
        private String newLocation;
        private TrafficSwitch trafficSwitch = () -> { };
        private MigrationNames names = MigrationNames.DEFAULT;

        private Builder(MaintenanceStore oldCluster, NodeRegistry oldNodes) {
            this.oldCluster = Objects.requireNonNull(oldCluster, "oldCluster");
            this.oldNodes = Objects.requireNonNull(oldNodes, "oldNodes");
        }

        /** How long to wait for the old cluster's work in flight (default 60 s). */
        public Builder drain(Duration value) {
            this.drain = value;
            return this;
        }

        /** The new cluster's maintenance flag: its window is open from before the final catch-up to the end. */
        public Builder newCluster(MaintenanceStore value) {
            this.newCluster = value;
            return this;
        }

        /** Where the service moves (a URL, no password): kept in the retired window, named by its gates' 503s. */
        public Builder newLocation(String value) {
            this.newLocation = value;
            return this;
        }

        /** How the clients are pointed at the new cluster (default: nothing, the operator does it). */
        public Builder trafficSwitch(TrafficSwitch value) {
            this.trafficSwitch = Objects.requireNonNull(value, "trafficSwitch");
            return this;
        }

        /** How messages name the operator's commands (default {@link MigrationNames#DEFAULT}). */
        public Builder names(MigrationNames value) {
            this.names = Objects.requireNonNull(value, "names");
            return this;
        }

        public MaintenanceCutover build() {
            if (drain == null || drain.isNegative()) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "the drain timeout must be 0 or more, got " + drain);
            }
            if (newLocation != null && newLocation.isBlank()) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "the new location is blank; give the new cluster's"
                        + " address, or none");
            }
            return new MaintenanceCutover(this);
        }
    }
}
