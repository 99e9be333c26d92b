package io.upsilon;

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
}
