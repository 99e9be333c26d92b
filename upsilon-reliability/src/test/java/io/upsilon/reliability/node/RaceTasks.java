package io.upsilon.reliability.node;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.Manifest;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.Version;
import java.util.List;

/**
 * The races manifest: {@code 1.0} creates the runs table and runs {@code t1}, {@code 1.1} runs {@code t2} and
 * {@code t3}, {@code 2.0} runs {@code t4} and {@code t5}. Every task announces each execution ({@code EXEC}) and
 * records it in the runs table, so a double run shows both in the nodes' output and in the committed rows.
 */
final class RaceTasks {

    /** Long enough that a second node let in by a broken lock would overlap the first. */
    private static final long WORK_MILLIS = 20;

    private RaceTasks() {
    }

    static Manifest manifest() {
        return Manifest.of("races", List.of(
                task("1.0", "create"), task("1.0", "t1"),
                task("1.1", "t2"), task("1.1", "t3"),
                task("2.0", "t4"), task("2.0", "t5")));
    }

    private static TaskDefinition task(String version, String name) {
        return TaskDefinition.of(Version.parse(version), name, () -> new Counting(name));
    }

    /** Announces and records its execution; {@code create} first creates the runs table. */
    static final class Counting extends BaseUpgradeTask {
        private final String name;

        Counting(String name) {
            this.name = name;
        }

        @Override
        public void execute(TaskContext context) throws Exception {
            Say.line("EXEC " + name + " " + context.fencingToken());
            if (name.equals("create")) {
                Runs.create(context);
            }
            Runs.record(context, name, "run");
            Thread.sleep(WORK_MILLIS);
        }
    }
}
