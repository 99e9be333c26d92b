package io.upsilon.demo.race;

import io.upsilon.PlannedTask;
import io.upsilon.Version;
import io.upsilon.demo.race.NodeRace.NodeResult;
import io.upsilon.spi.TaskRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What {@code upsilon race --json} prints.
 *
 * @param before       the data version and the pending tasks before the race
 * @param nodes        each racing node's outcome and the tasks it ran
 * @param exactlyOnce  whether every planned task ran once, on one node, and nothing else ran
 * @param transfers    the rows of the race's table afterwards
 */
record RaceReport(String database, String target, Before before, List<NodeRow> nodes, boolean exactlyOnce,
                  String dataVersion, List<TaskRow> history, RaceData.Transfers transfers) {

    record Before(String dataVersion, List<StepRow> pending) {
    }

    /** One pending task; {@code action} RUN, RESUME or ROLLBACK. */
    record StepRow(String version, String task, String kind, String action) {
    }

    record NodeRow(String node, String outcome, boolean lockTaken, List<TaskRow> tasks) {
    }

    /** One history row; {@code token} is the fencing token of the lock grant the task ran under. */
    record TaskRow(String version, String task, String status, String node, long token, Long durationMillis) {

        static TaskRow of(TaskRecord r) {
            return new TaskRow(r.version().toString(), r.task(), r.status().name(), r.nodeId(), r.fencingToken(),
                    r.duration().map(Duration::toMillis).orElse(null));
        }
    }

    static RaceReport of(String database, Version target, Optional<Version> before, List<PlannedTask> plan,
                         List<NodeResult> race, boolean exactlyOnce, Optional<Version> after,
                         List<TaskRecord> history, RaceData.Transfers transfers) {
        return new RaceReport(database, target.toString(),
                new Before(text(before), plan.stream().map(s -> new StepRow(s.definition().version().toString(),
                        s.definition().name(), s.definition().kind().name(), s.action().name())).toList()),
                race.stream().map(r -> new NodeRow(r.node(), r.result().outcome().name(), r.result().lockTaken(),
                        r.result().tasks().stream().map(TaskRow::of).toList())).toList(),
                exactlyOnce, text(after), history.stream().map(TaskRow::of).toList(), transfers);
    }

    private static String text(Optional<Version> version) {
        return version.map(Version::toString).orElse(null);
    }
}
