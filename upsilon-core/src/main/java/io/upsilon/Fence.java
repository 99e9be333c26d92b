package io.upsilon;

import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.NodeRegistry;
import java.util.List;
import java.util.Optional;

/**
 * Operator fencing with guards ({@code upsilon fence}, {@code POST /fence}): raises the fence floor so that nodes
 * below it turn FENCED, unless that would take every live node out of service or no manifest version reaches the
 * floor; both are refused unless forced.
 */
public final class Fence {

    private Fence() {
    }

    /**
     * Who a floor would fence, without changing anything.
     *
     * @param below  the floor
     * @param fenced the registered nodes below it (also gone ones: their rows are marked, should they come back)
     * @param live   the nodes that serve or are about to: not gone, not FENCED
     */
    public record Plan(Version below, List<NodeRecord> fenced, List<NodeRecord> live) {

        public Plan {
            fenced = List.copyOf(fenced);
            live = List.copyOf(live);
        }

        /** Whether every live node is below the floor (and there is at least one): nothing would serve. */
        public boolean fencesEveryLiveNode() {
            return !live.isEmpty() && live.stream().allMatch(n -> n.softwareVersion().isBefore(below));
        }
    }

    /**
     * What clearing the fence floor did.
     *
     * @param cleared whether there was a floor (and it is now removed)
     * @param floor   the floor that was removed; empty when there was none
     */
    public record Cleared(boolean cleared, Optional<Version> floor) {

        /** What happened, in words, with what it means for the nodes. */
        public String summary() {
            return cleared ? "Removed the fence floor " + floor.map(Version::toString).orElse("") + "; nodes of any"
                    + " version may serve again (nodes already FENCED stay fenced: restart them)."
                    : "There was no fence floor; nothing changed.";
        }
    }

    /**
     * Removes the fence floor and the operators' marks on node rows ({@link NodeRegistry#clearFence()}), reading the
     * floor first to report it. Nodes already FENCED stay so; new nodes of any version may serve again.
     */
    public static Cleared clear(NodeRegistry nodes) {
        Optional<Version> floor = nodes.fenceFloor();
        return new Cleared(nodes.clearFence(), floor);
    }

    /** The plan for {@code below} from the node table now. */
    public static Plan plan(NodeRegistry nodes, Version below) {
        List<NodeRecord> all = nodes.nodes();
        return new Plan(below, all.stream().filter(n -> n.softwareVersion().isBefore(below)).toList(),
                all.stream().filter(n -> !n.gone() && n.state() != NodeState.FENCED && !n.fenced()).toList());
    }

    /**
     * Checks the guards, then fences: raises the floor and marks the nodes below it.
     *
     * @param manifest when present, a floor above its latest version is refused (no software of this service
     *                 could ever serve again)
     * @param force    skip both guards
     * @return the plan that was applied
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} naming the guard and the remedy; nothing is changed
     */
    public static Plan apply(NodeRegistry nodes, Version below, Optional<Manifest> manifest, boolean force) {
        Plan plan = check(nodes, below, manifest, force);
        nodes.fenceBelow(below);
        return plan;
    }

    /** {@link #plan} and the guards of {@link #apply}, changing nothing. */
    public static Plan check(NodeRegistry nodes, Version below, Optional<Manifest> manifest, boolean force) {
        if (!force && manifest.isPresent()) {
            Version latest = manifest.get().latest().orElse(null);
            if (latest != null && below.isAfter(latest)) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "fence floor " + below + " is above every version"
                        + " of manifest " + manifest.get().source() + " (the latest is " + latest + "): no node of"
                        + " this service could serve again; pick a floor of " + latest + " or lower, or override the guard (upsilon fence --yes, or force: true on POST /fence)");
            }
        }
        Plan plan = plan(nodes, below);
        if (!force && plan.fencesEveryLiveNode()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "fencing below " + below + " would fence every live"
                    + " node (" + String.join(", ", plan.live().stream().map(NodeRecord::nodeId).toList())
                    + ") and leave none serving; start a node of " + below + " or later first, or override the guard (upsilon fence --yes, or force: true on POST"
                    + " /fence)");
        }
        return plan;
    }

    /**
     * Ends the database sessions of the nodes {@code plan} fenced ({@link NodeRegistry#terminateSessions}), so work
     * already under way cannot commit.
     *
     * @return how many sessions were ended
     * @throws UpsilonException with the registry's code when they cannot be ended; its message says that the fence
     *                          itself stands and that ending other users' sessions needs a superuser or a member
     *                          of {@code pg_signal_backend}
     */
    public static int terminateSessions(NodeRegistry nodes, Plan plan) {
        List<String> ids = plan.fenced().stream().map(NodeRecord::nodeId).toList();
        try {
            return nodes.terminateSessions(ids);
        } catch (UpsilonException e) {
            // the fence itself stands: say so, or the operator would think nothing happened
            throw new UpsilonException(e.code(), "fenced " + ids.size() + (ids.size() == 1 ? " node " : " nodes ")
                    + ids + ", but could not end their sessions: " + e.getMessage() + "; ending other users'"
                    + " sessions needs a superuser or a member of pg_signal_backend", e);
        }
    }
}
