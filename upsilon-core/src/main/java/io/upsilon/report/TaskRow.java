package io.upsilon.report;

import io.upsilon.spi.TaskRecord;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * One row of the upgrade history as reports show it ({@code upsilon history}, {@code upgrade}, {@code /status}).
 *
 * @param version        the manifest version the task belongs to
 * @param task           the task as written in the manifest
 * @param status         RUNNING, SUCCEEDED, FAILED, BASELINE, ...
 * @param nodeId         the node that ran the task
 * @param fencingToken   the fencing token of the lock grant it ran under
 * @param startedAt      when it started
 * @param durationMillis how long it ran; null while it runs
 * @param error          the one-line failure message; null unless it failed
 */
public record TaskRow(String version, String task, String status, String nodeId, long fencingToken,
                      String startedAt, Long durationMillis, String error) {

    /** The row of {@code record}. */
    public static TaskRow of(TaskRecord record) {
        return new TaskRow(record.version().toString(), record.task(), record.status().name(), record.nodeId(),
                record.fencingToken(), String.valueOf(record.startedAt()),
                record.duration().map(Duration::toMillis).orElse(null), record.error().orElse(null));
    }

    /**
     * This row with its error passed through {@code redact}: a task's error can quote what the database echoed back,
     * a password in a failed statement among it.
     */
    public TaskRow redacted(UnaryOperator<String> redact) {
        return error == null ? this : new TaskRow(version, task, status, nodeId, fencingToken, startedAt,
                durationMillis, redact.apply(error));
    }

    /** The history as a table: version, task, status, node, token, start, duration and error, one line per row. */
    public static TextTable table(List<TaskRow> rows) {
        TextTable table = new TextTable("VERSION", "TASK", "STATUS", "NODE", "TOKEN", "STARTED", "DURATION", "ERROR");
        rows.forEach(r -> table.row(r.version(), r.task(), r.status(), r.nodeId(), r.fencingToken(), r.startedAt(),
                ReportText.duration(r.durationMillis()), r.error()));
        return table;
    }
}
