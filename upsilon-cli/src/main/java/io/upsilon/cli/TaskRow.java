package io.upsilon.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.upsilon.spi.TaskRecord;
import java.time.Duration;

/**
 * One history row as printed by {@code history} and {@code upgrade}. In JSON its fields are named as in
 * {@code /status} of {@code upsilon serve} ({@code nodeId}, {@code fencingToken}).
 *
 * @param node  the node that ran the task
 * @param token the fencing token of the lock grant it ran under
 */
record TaskRow(String version, String task, String status, @JsonProperty("nodeId") String node,
               @JsonProperty("fencingToken") long token, String startedAt,
               Long durationMillis, String error) {

    static TaskRow of(TaskRecord record) {
        return new TaskRow(record.version().toString(), record.task(), record.status().name(),
                record.nodeId(), record.fencingToken(), String.valueOf(record.startedAt()),
                record.duration().map(Duration::toMillis).orElse(null), record.error().orElse(null));
    }
}
