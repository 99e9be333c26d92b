package io.upsilon.report;

import io.upsilon.UpgradeResult;
import io.upsilon.Version;
import java.util.List;

/**
 * What an upgrade call did ({@link UpgradeResult}), as reports show it ({@code upsilon upgrade --json}).
 *
 * @param outcome   how it ended, e.g. {@code UPGRADED}
 * @param before    the data version before; null on a fresh store
 * @param after     the data version after; null if still none
 * @param target    the version it aimed at
 * @param nodeId    the node that made the call
 * @param lockTaken whether it took the cluster lock (not on the fast path)
 * @param tasks     the history rows it wrote, in order
 */
public record UpgradeReport(String outcome, String before, String after, String target, String nodeId,
                            boolean lockTaken, List<TaskRow> tasks) {

    public UpgradeReport {
        tasks = List.copyOf(tasks);
    }

    /** The report of {@code result}, an upgrade of node {@code nodeId} to {@code target}. */
    public static UpgradeReport of(UpgradeResult result, Version target, String nodeId) {
        return new UpgradeReport(result.outcome().name(), result.before().map(Version::toString).orElse(null),
                result.after().map(Version::toString).orElse(null), target.toString(), nodeId, result.lockTaken(),
                result.tasks().stream().map(TaskRow::of).toList());
    }
}
