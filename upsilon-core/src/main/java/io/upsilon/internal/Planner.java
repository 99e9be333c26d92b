package io.upsilon.internal;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.PlannedTask;
import io.upsilon.PlannedTask.Action;
import io.upsilon.TaskDefinition;
import io.upsilon.UpgradePlan;
import io.upsilon.UpgradePlan.Direction;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out which tasks take the data version from where it is to a target. Pure: reads nothing but its arguments.
 *
 * <p>A task counts as applied when its latest history row is SUCCEEDED (or BASELINE), so a version that failed half-way resumes
 * after its last committed task, and a task rolled back by a downgrade runs again on the next upgrade.
 */
public final class Planner {

    private final Manifest manifest;

    public Planner(Manifest manifest) {
        this.manifest = manifest;
    }

    /**
     * Plans an upgrade toward {@code softwareVersion}: every pending task of every manifest version above the data
     * version, up to the highest manifest version at or below the software version. Never plans a downgrade: when
     * the data version is ahead, the plan's direction is {@link Direction#AHEAD} and it has no steps.
     */
    public UpgradePlan planUpgrade(Optional<Version> dataVersion, Version softwareVersion, List<TaskRecord> history) {
        Optional<Version> target = manifest.floor(softwareVersion);
        if (target.isEmpty() || dataVersion.equals(target)) {
            return new UpgradePlan(dataVersion, dataVersion.or(() -> target), Direction.NONE, List.of());
        }
        if (dataVersion.isPresent() && dataVersion.get().isAfter(target.get())) {
            return new UpgradePlan(dataVersion, target, Direction.AHEAD, List.of());
        }
        Map<Key, TaskStatus> latest = latestStatus(history);
        List<PlannedTask> steps = new ArrayList<>();
        for (Version version : manifest.between(dataVersion, target.get())) {
            List<TaskDefinition> tasks = manifest.tasks(version);
            for (int i = 0; i < tasks.size(); i++) {
                TaskDefinition task = tasks.get(i);
                TaskStatus status = latest.get(key(task));
                boolean last = i == tasks.size() - 1;
                if (status != TaskStatus.SUCCEEDED) {
                    Action action = status == TaskStatus.RUNNING ? Action.RESUME : Action.RUN;
                    steps.add(new PlannedTask(task, action, last ? version : null));
                } else if (last && !steps.isEmpty() && steps.get(steps.size() - 1).definition().version()
                        .equals(version)) {
                    // the bump rides on the last task that actually runs in this version
                    PlannedTask previous = steps.remove(steps.size() - 1);
                    steps.add(new PlannedTask(previous.definition(), previous.action(), version));
                }
            }
        }
        return new UpgradePlan(dataVersion, target, Direction.UP, steps);
    }

    /**
     * Plans a downgrade to {@code target}, which must be a manifest version below the data version: every applied
     * task above the target is rolled back, newest first.
     *
     * @throws UpsilonException {@link ErrorCode#DOWNGRADE_REFUSED} naming the first task that has no rollback
     */
    public UpgradePlan planDowngrade(Optional<Version> dataVersion, Version target, List<TaskRecord> history) {
        if (!manifest.contains(target)) {
            throw new UpsilonException(ErrorCode.UNKNOWN_VERSION, "cannot downgrade to " + target
                    + ": it is not a version of manifest " + manifest.source() + "; pick one of " + manifest.versions());
        }
        Map<Key, TaskStatus> latest = latestStatus(history);
        List<PlannedTask> steps = new ArrayList<>();
        List<Version> above = manifest.between(Optional.of(target), manifest.latest().orElseThrow());
        for (int v = above.size() - 1; v >= 0; v--) {
            Version version = above.get(v);
            List<TaskDefinition> tasks = manifest.tasks(version);
            for (int i = tasks.size() - 1; i >= 0; i--) {
                TaskDefinition task = tasks.get(i);
                if (latest.get(key(task)) != TaskStatus.SUCCEEDED) {
                    continue;
                }
                if (!task.newTask().canRollback()) {
                    throw new UpsilonException(ErrorCode.DOWNGRADE_REFUSED, "cannot downgrade from " + dataVersion
                            .map(Version::toString).orElse("nothing") + " to " + target + ": task " + task.name()
                            + " of version " + version + " has no rollback; add one or upgrade forward instead");
                }
                boolean firstOfVersion = i == 0;
                steps.add(new PlannedTask(task, Action.ROLLBACK,
                        firstOfVersion ? manifest.previous(version).orElse(target) : null));
            }
        }
        return new UpgradePlan(dataVersion, Optional.of(target), Direction.DOWN, steps);
    }

    private static Map<Key, TaskStatus> latestStatus(List<TaskRecord> history) {
        Map<Key, TaskStatus> latest = new HashMap<>();
        history.stream().sorted(Comparator.comparingLong(TaskRecord::id))
                .forEach(r -> latest.put(new Key(r.version(), r.task()),
                        r.status() == TaskStatus.BASELINE ? TaskStatus.SUCCEEDED : r.status()));
        return latest;
    }

    private static Key key(TaskDefinition task) {
        return new Key(task.version(), task.name());
    }

    /** Versions compare by value, so {@code 1.0} in the history matches {@code 1.0.0} in the manifest. */
    private record Key(Version version, String task) {
    }
}
