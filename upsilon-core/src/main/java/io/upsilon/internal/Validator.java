package io.upsilon.internal;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.PlannedTask;
import io.upsilon.TaskDefinition;
import io.upsilon.UpsilonException;
import io.upsilon.ValidationIssue;
import io.upsilon.ValidationIssue.Kind;
import io.upsilon.Version;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Compares the manifest with the history, as Flyway's validate does: applied scripts that changed, tasks added to a
 * version the data has passed, applied tasks no longer listed, non-transactional tasks left FAILED. Pure but for
 * reading scripts (their checksums), which it does only when asked to check.
 */
public final class Validator {

    private final Manifest manifest;
    private final boolean outOfOrder;
    private final Map<Version, String> digests = new ConcurrentHashMap<>();

    public Validator(Manifest manifest, boolean outOfOrder) {
        this.manifest = manifest;
        this.outOfOrder = outOfOrder;
    }

    /**
     * The digest of the manifest's task list (versions and task names, not script contents) up to {@code version}:
     * what a node compares with the one recorded beside the data version to skip reading the history. Names only, so
     * computing it reads no script. Computed once per version; a caller asking while {@link #digestAhead} computes it
     * waits for that result.
     */
    public String digest(Version version) {
        return digests.computeIfAbsent(version, v -> {
            // one buffer hashed in one call: the same bytes as hashing each line on its own, with a thousand fewer
            // interpreted calls on a cold start
            StringBuilder text = new StringBuilder();
            for (Version each : manifest.between(Optional.empty(), v)) {
                for (TaskDefinition task : manifest.tasks(each)) {
                    text.append(each).append('\n').append(task.name()).append('\n');
                }
            }
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(text.toString().getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        });
    }

    /**
     * Starts computing {@link #digest} of {@code version} on a short-lived daemon thread, unless it is known. The fast
     * check needs it right after its first read of the store, and on a cold start that read (the JDBC driver's loading
     * and first connection) takes longer than the digest (the JDK's security providers and a thousand lines hashed
     * before the JIT has compiled anything), so the two overlap instead of adding up. A failure there is dropped: the
     * caller's own {@link #digest} computes it again and reports it.
     */
    public void digestAhead(Version version) {
        if (digests.containsKey(version)) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                digest(version);
            } catch (RuntimeException e) {
                // computed again, and reported, by the caller that needs it
            }
        }, "upsilon-manifest-digest");
        thread.setDaemon(true);
        thread.start();
    }

    /** Every issue, in manifest order, then the missing tasks in history order. */
    public List<ValidationIssue> issues(Optional<Version> dataVersion, List<TaskRecord> history) {
        Map<Key, TaskRecord> latest = latest(history);
        List<ValidationIssue> issues = new ArrayList<>();
        for (TaskDefinition task : manifest.allTasks()) {
            TaskRecord row = latest.remove(new Key(task.version(), task.name()));
            boolean applied = row != null && row.status().isApplied();
            if (applied && row.checksum().isPresent() && task.checksum().isPresent()
                    && !row.checksum().get().equals(task.checksum().get())) {
                issues.add(checksumChanged(task, row.checksum().get(), task.checksum().get()));
            } else if (!applied && dataVersion.isPresent() && !task.version().isAfter(dataVersion.get())
                    && !outOfOrder) {
                issues.add(new ValidationIssue(Kind.OUT_OF_ORDER, task.version(), task.name(), Optional.empty(),
                        Optional.empty(), "task " + task.name() + " (" + task.location() + ") of version "
                        + task.version() + " has never run, but the data is already at " + dataVersion.get()
                        + " (it was added after its version was applied); run 'upsilon upgrade --out-of-order'"
                        + " (UpsilonConfig.Builder.outOfOrder) to run it now, or move it to a new version"));
            }
            if (row != null && row.status() == TaskStatus.FAILED && !task.newTask().isTransactional()) {
                issues.add(new ValidationIssue(Kind.FAILED, task.version(), task.name(), Optional.empty(),
                        Optional.empty(), "non-transactional task " + task.name() + " of version " + task.version()
                        + " last FAILED (" + row.error().orElse("no error recorded") + "); what it committed stays;"
                        + " the next upgrade runs it again; 'upsilon repair' clears the row once you have checked"
                        + " the database"));
            }
        }
        Optional<Version> last = manifest.latest();
        for (TaskRecord row : latest.values()) {
            if (row.status().isApplied() && last.isPresent() && !row.version().isAfter(last.get())) {
                issues.add(new ValidationIssue(Kind.MISSING, row.version(), row.task(), row.checksum(),
                        Optional.empty(), "task " + row.task() + " of version " + row.version() + " was applied but is"
                        + " no longer in manifest " + manifest.source() + "; nothing is undone; put it back if it was"
                        + " removed by mistake"));
            }
        }
        return issues;
    }

    /** The tasks to run out of order (an empty list unless allowed): never run, in a version the data has passed. */
    public List<PlannedTask> outOfOrderSteps(Optional<Version> dataVersion, List<TaskRecord> history) {
        if (!outOfOrder || dataVersion.isEmpty()) {
            return List.of();
        }
        Map<Key, TaskRecord> latest = latest(history);
        List<PlannedTask> steps = new ArrayList<>();
        for (Version version : manifest.between(Optional.empty(), dataVersion.get())) {
            for (TaskDefinition task : manifest.tasks(version)) {
                TaskRecord row = latest.get(new Key(version, task.name()));
                if (row == null || !row.status().isApplied()) {
                    steps.add(new PlannedTask(task, row != null && row.status() == TaskStatus.RUNNING
                            ? PlannedTask.Action.RESUME : PlannedTask.Action.RUN, null));
                }
            }
        }
        return steps;
    }

    /**
     * Refuses when there is an error issue.
     *
     * @throws UpsilonException {@link ErrorCode#VALIDATION_FAILED} with the first error and how many more there are
     */
    public void require(Optional<Version> dataVersion, List<TaskRecord> history) {
        List<ValidationIssue> errors = issues(dataVersion, history).stream().filter(ValidationIssue::isError).toList();
        if (!errors.isEmpty()) {
            throw new UpsilonException(ErrorCode.VALIDATION_FAILED, "validation failed: " + errors.get(0).message()
                    + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more; 'upsilon validate' lists them)"
                    : "") + "; nothing was run");
        }
    }

    private static ValidationIssue checksumChanged(TaskDefinition task, String recorded, String current) {
        return new ValidationIssue(Kind.CHECKSUM_CHANGED, task.version(), task.name(), Optional.of(recorded),
                Optional.of(current), "SQL script " + task.name() + " of version " + task.version() + " changed after"
                + " it was applied (recorded checksum " + shortSum(recorded) + ", now " + shortSum(current) + ");"
                + " restore the script and put the change in a new task, or, if the edit changes nothing that ran"
                + " (a comment, formatting), run 'upsilon repair' to record the new checksum");
    }

    private static String shortSum(String checksum) {
        return checksum.length() > 12 ? checksum.substring(0, 12) + "..." : checksum;
    }

    /** The latest row of each task, by history id; insertion order is id order. */
    public static Map<Key, TaskRecord> latestRows(List<TaskRecord> history) {
        return latest(history);
    }

    static Map<Key, TaskRecord> latest(List<TaskRecord> history) {
        Map<Key, TaskRecord> latest = new LinkedHashMap<>();
        history.stream().sorted(Comparator.comparingLong(TaskRecord::id)).forEach(r -> {
            Key key = new Key(r.version(), r.task());
            latest.remove(key);
            latest.put(key, r);
        });
        return latest;
    }

    /** Versions compare by value, so {@code 1.0} in the history matches {@code 1.0.0} in the manifest. */
    public record Key(Version version, String task) {
    }
}
