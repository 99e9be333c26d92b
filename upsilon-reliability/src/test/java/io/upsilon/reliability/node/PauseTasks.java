package io.upsilon.reliability.node;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.Manifest;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.Version;
import java.util.List;

/**
 * The pause manifest: {@code 1.0} creates the runs table; {@code 1.1} runs {@code mark} (records a row) and then
 * {@code hold}, which records a {@code before-pause} row, announces itself, waits at the task gate (the test pauses
 * the process there) and records an {@code after-pause} row. A holder paused past its lease must get none of its
 * {@code hold} rows, history row or version bump committed.
 */
final class PauseTasks {

    private PauseTasks() {
    }

    static Manifest manifest() {
        return Manifest.of("pause", List.of(
                TaskDefinition.of(Version.parse("1.0"), "create", () -> new BaseUpgradeTask() {
                    @Override
                    public void execute(TaskContext context) throws Exception {
                        Runs.create(context);
                    }
                }),
                TaskDefinition.of(Version.parse("1.1"), "mark", () -> new BaseUpgradeTask() {
                    @Override
                    public void execute(TaskContext context) throws Exception {
                        Runs.record(context, "mark", "run");
                    }
                }),
                TaskDefinition.of(Version.parse("1.1"), "hold", Hold::new)));
    }

    /** Writes before and after the point at which the test pauses the process. */
    static final class Hold extends BaseUpgradeTask {
        @Override
        public void execute(TaskContext context) throws Exception {
            Runs.record(context, "hold", "before-pause");
            Slowness.announce("hold");
            Runs.record(context, "hold", "after-pause");
        }
    }
}
