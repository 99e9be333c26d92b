package io.upsilon.report;

import io.upsilon.Fence;
import io.upsilon.spi.NodeRegistry;
import java.util.List;

/**
 * What a fence did, or would do in a dry run, as reports show it ({@code upsilon fence --below VERSION}).
 *
 * @param below              the fence floor
 * @param dryRun             whether nothing was changed
 * @param fenced             the nodes below the floor (also gone ones: their rows are marked)
 * @param sessionsTerminated how many of their database sessions were ended; null when that was not asked for
 */
public record FenceReport(String below, boolean dryRun, List<NodeRow> fenced, Integer sessionsTerminated) {

    public FenceReport {
        fenced = List.copyOf(fenced);
    }

    /** The report of {@code plan}, the nodes' ages taken against {@code registry}'s clock. */
    public static FenceReport of(Fence.Plan plan, boolean dryRun, Integer sessionsTerminated, NodeRegistry registry) {
        return new FenceReport(plan.below().toString(), dryRun, NodeRow.of(plan.fenced(), registry),
                sessionsTerminated);
    }

    /**
     * The report in words: who was (or would be) fenced, as a table of node, host, version, state and heartbeat age,
     * what happens to them next, and how many sessions were ended; or that no node runs below the floor. Every line
     * ends with a newline.
     */
    public String describe() {
        String nodes = ReportText.plural(fenced.size(), "node") + " running a software version below " + below;
        if (fenced.isEmpty()) {
            return "No node runs a software version below " + below + "; " + (dryRun ? "nothing would be fenced."
                    : "nothing fenced" + (sessionsTerminated != null ? " and no sessions terminated." : ".")) + "\n";
        }
        TextTable table = new TextTable("NODE", "HOST", "VERSION", "STATE", "HEARTBEAT");
        fenced.forEach(r -> table.row(r.nodeId(), r.host(), r.softwareVersion(), r.state(),
                ReportText.age(r.heartbeatAgeMillis()) + " ago" + (r.gone() ? " (GONE)" : "")));
        if (dryRun) {
            return "Would fence " + nodes + " (dry run, nothing changed):\n" + table.text("  ");
        }
        return "Fenced " + nodes + ":\n" + table.text("  ") + "Each turns FENCED on its next heartbeat and refuses"
                + " writes; replace it with a node of version " + below + " or later.\n"
                + (sessionsTerminated == null ? "" : "Terminated " + ReportText.plural(sessionsTerminated,
                "database session") + " of the fenced nodes.\n");
    }
}
