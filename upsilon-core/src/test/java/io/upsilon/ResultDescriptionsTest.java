package io.upsilon;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.report.PlanReport;
import io.upsilon.report.StepRow;
import io.upsilon.report.ValidationReport;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The results' {@code describe()}: the text the CLI prints, for anyone who shows a result to a person. */
class ResultDescriptionsTest {

    private static final Version V1 = Version.parse("1.0");
    private static final Version V2 = Version.parse("1.1");
    private static final TaskDefinition TASK = TaskDefinition.of(V2, "V1_1__add.sql", () -> null);

    private static TaskRecord row(TaskStatus status) {
        return new TaskRecord(1, V2, "V1_1__add.sql", Optional.empty(), status, "web-1", 3, Instant.EPOCH,
                Optional.of(Instant.EPOCH.plusMillis(1500)), Optional.empty());
    }

    @Test
    void aPlanUpSaysHowManyStepsAndListsThem() {
        UpgradePlan plan = new UpgradePlan(Optional.of(V1), Optional.of(V2), UpgradePlan.Direction.UP,
                List.of(new PlannedTask(TASK, PlannedTask.Action.RUN, V2)));
        assertThat(plan.describe()).isEqualTo("""
                Upgrade 1.0 -> 1.1 in 1 step:
                  #  VERSION  TASK           KIND  ACTION  SETS DATA VERSION
                  1  1.1      V1_1__add.sql  JAVA  RUN     1.1
                """);
        assertThat(PlanReport.of(plan)).isEqualTo(new PlanReport("1.0", "1.1", "UP",
                List.of(new StepRow("1.1", "V1_1__add.sql", "JAVA", "RUN", "1.1"))));
        assertThat(new UpgradePlan(Optional.of(V2), Optional.of(V1), UpgradePlan.Direction.AHEAD, List.of())
                .describe()).isEqualTo("Nothing to do: the data version 1.1 is ahead of 1.0.\n");
        assertThat(new UpgradePlan(Optional.empty(), Optional.empty(), UpgradePlan.Direction.NONE, List.of())
                .describe()).isEqualTo("Nothing to do: the data version is none, the target.\n");
    }

    @Test
    void anInvalidResultNamesItsFirstErrorAndCountsTheRest() {
        ValidationIssue edited = new ValidationIssue(ValidationIssue.Kind.CHECKSUM_CHANGED, V1, "V1_0__a.sql",
                Optional.of("1"), Optional.of("2"), "edited since it ran");
        ValidationIssue late = new ValidationIssue(ValidationIssue.Kind.OUT_OF_ORDER, V1, "V1_0__b.sql",
                Optional.empty(), Optional.empty(), "added late");
        ValidationIssue gone = new ValidationIssue(ValidationIssue.Kind.MISSING, V1, "V1_0__c.sql", Optional.empty(),
                Optional.empty(), "no longer listed");
        ValidationResult invalid = new ValidationResult(Optional.of(V1), List.of(edited, late, gone),
                List.of(new PlannedTask(TASK, PlannedTask.Action.RUN, V2)));
        assertThat(invalid.failure()).contains("validation failed: edited since it ran (and 1 more)");
        assertThat(ValidationReport.of(invalid, V2)).isEqualTo(new ValidationReport(false, "1.0", "1.1",
                List.of(edited, late, gone), List.of(new StepRow("1.1", "V1_1__add.sql", "JAVA", "RUN", "1.1"))));
        assertThat(invalid.describe("upsilon.tasks")).startsWith(
                "Data version 1.0, manifest upsilon.tasks: INVALID, 1 task pending.\n")
                .contains("  ERROR    CHECKSUM_CHANGED", "  warning  MISSING", "  PENDING  TASK           ACTION\n",
                        "  1.1      V1_1__add.sql  RUN\n");
        ValidationResult valid = new ValidationResult(Optional.of(V2), List.of(gone), List.of());
        assertThat(valid.failure()).isEmpty();
        assertThat(valid.describe("m").lines()).hasSize(3).first()
                .isEqualTo("Data version 1.1, manifest m: valid, 0 tasks pending.");
    }

    @Test
    void aRepairSaysWhatItChangedOrWouldChange() {
        ValidationIssue edited = new ValidationIssue(ValidationIssue.Kind.CHECKSUM_CHANGED, V1, "V1_0__a.sql",
                Optional.of("111"), Optional.of("222"), "edited");
        RepairResult done = new RepairResult(List.of(edited), List.of(row(TaskStatus.FAILED)), false);
        assertThat(done.describe()).startsWith("Recorded the new checksum of 1 script:\n")
                .contains("  1.0      V1_0__a.sql  111       222\n",
                        "Deleted 1 FAILED row (the next upgrade runs these tasks again):\n",
                        "  1.1      V1_1__add.sql");
        assertThat(new RepairResult(List.of(edited, edited), List.of(), true).describe())
                .startsWith("Would record the new checksum of 2 scripts:\n")
                .endsWith("\nDry run: nothing changed; run without --dry-run to repair.\n");
        assertThat(new RepairResult(List.of(), List.of(row(TaskStatus.FAILED)), true).describe())
                .startsWith("Would delete 1 FAILED row");
        assertThat(new RepairResult(List.of(), List.of(), true).describe()).startsWith("Nothing to repair: ")
                .doesNotContain("Dry run");
        assertThat(done.describe()).doesNotContain("Dry run");
    }

    @Test
    void aBaselineListsItsRowsWithTheirSourcesAndTheIgnoredOnes() {
        BaselineResult result = new BaselineResult(V2, List.of(row(TaskStatus.BASELINE)), List.of("flyway 1.1"),
                List.of("R__views.sql: repeatable"));
        assertThat(result.describe()).isEqualTo("""
                  VERSION  TASK           FROM
                  1.1      V1_1__add.sql  flyway 1.1
                Ignored: R__views.sql: repeatable
                BASELINE: data version 1.1 (1 task recorded as applied, none run); 'upsilon upgrade' runs only \
                the newer tasks.
                """);
    }
}
