package io.upsilon.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.PlannedTask;
import io.upsilon.PlannedTask.Action;
import io.upsilon.TaskDefinition;
import io.upsilon.UpgradePlan;
import io.upsilon.UpgradePlan.Direction;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.fixtures.NoopTask;
import io.upsilon.fixtures.ReversibleTask;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlannerTest {

    private static Version v(String s) {
        return Version.parse(s);
    }

    private static TaskDefinition task(String version, String name, boolean reversible) {
        return TaskDefinition.of(v(version), name, reversible ? ReversibleTask::new : NoopTask::new);
    }

    private final Manifest manifest = Manifest.of("test", List.of(
            task("0.9", "a", true), task("0.9", "b", true),
            task("1.0", "c", true),
            task("1.1", "d", false), task("1.1", "e", true)));
    private final Planner planner = new Planner(manifest);
    private final List<TaskRecord> history = new ArrayList<>();

    private void record(String version, String name, TaskStatus status) {
        history.add(new TaskRecord(history.size() + 1, v(version), name, Optional.empty(), status, "n", 1,
                Instant.now(), Optional.empty(), Optional.empty()));
    }

    private static List<String> names(UpgradePlan plan) {
        return plan.steps().stream().map(s -> s.definition().name() + ":" + s.action()
                + (s.newDataVersion() == null ? "" : "->" + s.newDataVersion())).toList();
    }

    @Test
    void freshStoreRunsEverythingUpToTheSoftwareVersionBumpingAfterEachVersion() {
        UpgradePlan plan = planner.planUpgrade(Optional.empty(), v("1.0.5"), history);
        assertThat(plan.direction()).isEqualTo(Direction.UP);
        assertThat(plan.target()).contains(v("1.0"));
        assertThat(names(plan)).containsExactly("a:RUN", "b:RUN->0.9", "c:RUN->1.0");
    }

    @Test
    void currentDataVersionIsNothingToDo() {
        UpgradePlan plan = planner.planUpgrade(Optional.of(v("1.0")), v("1.0.9"), history);
        assertThat(plan.direction()).isEqualTo(Direction.NONE);
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void dataAheadIsNeverADowngrade() {
        UpgradePlan plan = planner.planUpgrade(Optional.of(v("1.1")), v("1.0"), history);
        assertThat(plan.direction()).isEqualTo(Direction.AHEAD);
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void softwareOlderThanEveryVersionHasNothingToDo() {
        assertThat(planner.planUpgrade(Optional.empty(), v("0.1"), history).isEmpty()).isTrue();
    }

    @Test
    void resumesAHalfDoneVersionAfterItsLastCommittedTask() {
        record("0.9", "a", TaskStatus.SUCCEEDED);
        record("0.9", "b", TaskStatus.SUCCEEDED);
        record("1.0", "c", TaskStatus.SUCCEEDED);
        record("1.1", "d", TaskStatus.SUCCEEDED);
        record("1.1", "e", TaskStatus.FAILED);
        UpgradePlan plan = planner.planUpgrade(Optional.of(v("1.0")), v("1.1"), history);
        assertThat(names(plan)).containsExactly("e:RUN->1.1");
    }

    @Test
    void aRunningRowLeftByADeadNodeIsResumed() {
        record("1.1", "d", TaskStatus.RUNNING);
        UpgradePlan plan = planner.planUpgrade(Optional.of(v("1.0")), v("1.1"), history);
        assertThat(names(plan)).containsExactly("d:RESUME", "e:RUN->1.1");
    }

    @Test
    void theLatestRowWinsSoARolledBackTaskRunsAgain() {
        record("1.0", "c", TaskStatus.SUCCEEDED);
        record("1.0", "c", TaskStatus.ROLLED_BACK);
        assertThat(names(planner.planUpgrade(Optional.of(v("0.9")), v("1.0"), history))).containsExactly("c:RUN->1.0");
    }

    @Test
    void downgradeRollsBackNewestFirstAndSetsThePreviousVersion() {
        record("0.9", "a", TaskStatus.SUCCEEDED);
        record("0.9", "b", TaskStatus.SUCCEEDED);
        record("1.0", "c", TaskStatus.SUCCEEDED);
        UpgradePlan plan = planner.planDowngrade(Optional.of(v("1.0")), v("0.9"), history);
        assertThat(plan.direction()).isEqualTo(Direction.DOWN);
        assertThat(names(plan)).containsExactly("c:ROLLBACK->0.9");
    }

    @Test
    void downgradeAcrossATaskWithoutRollbackIsRefusedNamingIt() {
        record("1.0", "c", TaskStatus.SUCCEEDED);
        record("1.1", "d", TaskStatus.SUCCEEDED);
        record("1.1", "e", TaskStatus.SUCCEEDED);
        assertThatThrownBy(() -> planner.planDowngrade(Optional.of(v("1.1")), v("1.0"), history))
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DOWNGRADE_REFUSED))
                .hasMessageContaining("task d of version 1.1 has no rollback");
    }

    @Test
    void downgradeTargetMustBeAManifestVersion() {
        assertThatThrownBy(() -> planner.planDowngrade(Optional.of(v("1.1")), v("0.95"), history))
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_VERSION));
    }

    @Test
    void stepsAreOnlyEverPlannedTasks() {
        UpgradePlan plan = planner.planUpgrade(Optional.empty(), v("9"), history);
        assertThat(plan.steps()).extracting(PlannedTask::action).containsOnly(Action.RUN);
        assertThat(plan.steps()).hasSize(manifest.allTasks().size());
    }
}
