package io.upsilon;

import io.upsilon.report.ReportText;
import io.upsilon.report.TaskRow;
import io.upsilon.report.TextTable;
import io.upsilon.spi.TaskRecord;
import java.util.List;
import java.util.Optional;

/**
 * What an upgrade call did.
 *
 * @param outcome     how it ended
 * @param before      the data version before the call
 * @param after       the data version after the call
 * @param tasks       the history rows this node wrote, in order (empty unless tasks ran)
 * @param lockTaken   whether the cluster lock was taken (false on the fast path)
 */
public record UpgradeResult(Outcome outcome, Optional<Version> before, Optional<Version> after,
                            List<TaskRecord> tasks, boolean lockTaken) {

    /** How an upgrade call ended. */
    public enum Outcome {
        /** The data version was already this node's; one read, no lock. */
        UP_TO_DATE,
        /** The data version is ahead of this software version; nothing was done. */
        DATA_AHEAD,
        /** This node ran the tasks. */
        UPGRADED,
        /** This node undid tasks down to the target. */
        DOWNGRADED,
        /** Another node did the work while this one waited for the lock. */
        DONE_ELSEWHERE
    }

    public UpgradeResult {
        tasks = List.copyOf(tasks);
    }

    /**
     * One line for logs and the CLI, starting with the outcome: {@code UPGRADED: data version 1.0 -> 1.1 (2 tasks
     * run).}, {@code UP_TO_DATE: the data version is already 1.1; nothing to do.}, and so on ({@code none} for no
     * data version).
     */
    public String summary() {
        String from = before.map(Version::toString).orElse("none");
        String to = after.map(Version::toString).orElse("none");
        String count = tasks.size() + (tasks.size() == 1 ? " task" : " tasks");
        return switch (outcome) {
            case UPGRADED -> "UPGRADED: data version " + from + " -> " + to + " (" + count + " run).";
            case DOWNGRADED -> "DOWNGRADED: data version " + from + " -> " + to + " (" + count + " rolled back).";
            case UP_TO_DATE -> "UP_TO_DATE: the data version is already " + to + "; nothing to do.";
            case DONE_ELSEWHERE -> "DONE_ELSEWHERE: another node upgraded while this one waited for the lock;"
                    + " the data version is " + to + ".";
            case DATA_AHEAD -> "DATA_AHEAD: the data version " + from + " is ahead of the target; nothing done.";
        };
    }

    /**
     * The tasks run (version, task, status, node, fencing token, duration) as a table when there are some, then
     * {@link #summary()}. Every line ends with a newline.
     */
    public String describe() {
        StringBuilder out = new StringBuilder();
        if (!tasks.isEmpty()) {
            TextTable table = new TextTable("VERSION", "TASK", "STATUS", "NODE", "TOKEN", "DURATION");
            tasks.stream().map(TaskRow::of).forEach(t -> table.row(t.version(), t.task(), t.status(), t.nodeId(),
                    t.fencingToken(), ReportText.duration(t.durationMillis())));
            out.append(table.text("  "));
        }
        return out.append(summary()).append('\n').toString();
    }
}
