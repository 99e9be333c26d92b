package io.upsilon.spi;

import io.upsilon.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the upgrade history.
 *
 * @param id           the row id assigned by the store; 0 before it is written
 * @param version      the manifest version the task belongs to
 * @param task         the task as written in the manifest
 * @param checksum     the SQL script checksum, empty for Java tasks
 * @param status       what happened
 * @param nodeId       the node that ran the task
 * @param fencingToken the lock grant it ran under
 * @param startedAt    when it started
 * @param finishedAt   when it finished, empty while RUNNING
 * @param error        the one-line failure message, empty unless FAILED
 */
public record TaskRecord(long id, Version version, String task, Optional<String> checksum, TaskStatus status,
                         String nodeId, long fencingToken, Instant startedAt, Optional<Instant> finishedAt,
                         Optional<String> error) {

    /** How long the task ran, if it finished. */
    public Optional<Duration> duration() {
        return finishedAt.map(end -> Duration.between(startedAt, end));
    }

    /** A copy with another status, finish time and error. */
    public TaskRecord finish(TaskStatus newStatus, Instant at, String failure) {
        return new TaskRecord(id, version, task, checksum, newStatus, nodeId, fencingToken, startedAt,
                Optional.of(at), Optional.ofNullable(failure));
    }

    /** A copy carrying the id the store assigned. */
    public TaskRecord withId(long newId) {
        return new TaskRecord(newId, version, task, checksum, status, nodeId, fencingToken, startedAt, finishedAt,
                error);
    }
}
