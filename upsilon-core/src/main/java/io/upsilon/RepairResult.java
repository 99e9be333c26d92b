package io.upsilon;

import io.upsilon.report.ReportText;
import io.upsilon.report.TaskRow;
import io.upsilon.report.TextTable;
import io.upsilon.spi.TaskRecord;
import java.util.List;

/**
 * What {@link Upsilon#repair(boolean)} changed, or would change with a dry run.
 *
 * @param checksums   the applied SQL scripts whose recorded checksum was (or would be) replaced by the current one
 * @param removedRows the FAILED rows of non-transactional tasks that were (or would be) deleted, so that the next
 *                    upgrade runs those tasks as pending
 * @param dryRun      whether nothing was changed
 */
public record RepairResult(List<ValidationIssue> checksums, List<TaskRecord> removedRows, boolean dryRun) {

    public RepairResult {
        checksums = List.copyOf(checksums);
        removedRows = List.copyOf(removedRows);
    }

    /** Whether there was nothing to repair. */
    public boolean isEmpty() {
        return checksums.isEmpty() && removedRows.isEmpty();
    }

    /**
     * What was (or would be) repaired, in words: the scripts whose checksum was recorded anew (version, task, recorded
     * and current checksum) and the FAILED rows deleted, each as a heading and a table, and for a dry run that nothing
     * changed; or that there was nothing to repair. Every line ends with a newline.
     */
    public String describe() {
        if (isEmpty()) {
            return "Nothing to repair: every applied script matches its checksum and no non-transactional task is left"
                    + " FAILED.\n";
        }
        StringBuilder out = new StringBuilder();
        if (!checksums.isEmpty()) {
            out.append(dryRun ? "Would record" : "Recorded").append(" the new checksum of ")
                    .append(ReportText.plural(checksums.size(), "script")).append(":\n");
            TextTable table = new TextTable("VERSION", "TASK", "RECORDED", "NOW");
            checksums.forEach(c -> table.row(c.version(), c.task(), c.recordedChecksum().orElse(null),
                    c.currentChecksum().orElse(null)));
            out.append(table.text("  "));
        }
        if (!removedRows.isEmpty()) {
            out.append(dryRun ? "Would delete " : "Deleted ")
                    .append(ReportText.plural(removedRows.size(), "FAILED row"))
                    .append(" (the next upgrade runs these tasks again):\n")
                    .append(TaskRow.table(removedRows.stream().map(TaskRow::of).toList()).text("  "));
        }
        if (dryRun) {
            out.append("Dry run: nothing changed; run without --dry-run to repair.\n");
        }
        return out.toString();
    }
}
