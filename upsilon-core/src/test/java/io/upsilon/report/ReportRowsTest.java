package io.upsilon.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.NodeState;
import io.upsilon.PlannedTask;
import io.upsilon.TaskDefinition;
import io.upsilon.UpgradeResult;
import io.upsilon.UpsilonStatus;
import io.upsilon.ValidationIssue;
import io.upsilon.Version;
import io.upsilon.release.PlannedChain;
import io.upsilon.release.Release;
import io.upsilon.release.ReleasePlanner;
import io.upsilon.release.ReleaseSet;
import io.upsilon.spi.LockInfo;
import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The report rows: text, numbers and nulls taken from the store's records, as {@code --json} and /status show them. */
class ReportRowsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void aHistoryReportIsTheTableAndTheDataVersionOrSaysThereIsNone() {
        TaskRow row = new TaskRow("1.1", "V1_1__x.sql", "SUCCEEDED", "web-1", 7, "2026-01-01T10:00:00Z", 1500L, null);
        HistoryReport report = new HistoryReport("1.1", List.of(row));
        assertThat(report.describe("db")).isEqualTo(TaskRow.table(List.of(row)).text("  ") + "Data version: 1.1\n");
        assertThat(new HistoryReport(null, List.of(row)).describe("db")).endsWith("Data version: none\n");
        assertThat(new HistoryReport(null, List.of()).describe("PostgreSQL at x"))
                .isEqualTo("No upgrade history yet in PostgreSQL at x.\n");
    }

    @Test
    void aNodesReportIsTheTableAndItsSummaryOrSaysNoNodeRegistered() {
        NodeRow row = NodeRow.of(new NodeRecord("web-1", "host-1", Version.parse("1.0"), NodeState.READY, 0, T0, T0,
                Duration.ofSeconds(30), false, false), T0);
        NodesReport report = new NodesReport("db", List.of(row));
        assertThat(report.describe()).isEqualTo(NodeRow.table(List.of(row)).text("  ") + NodeRow.summary(List.of(row))
                + "\n");
        assertThat(new NodesReport("PostgreSQL at x", List.of()).describe())
                .startsWith("No nodes registered in PostgreSQL at x. Nodes register when they start");
    }

    @Test
    void theStepTableShowsVersionTaskKindAndAction() {
        StepRow step = new StepRow("1.1", "V1_1__x.sql", "SQL", "RUN", "1.1");
        assertThat(StepRow.table(List.of(step)).lines("  ")).containsExactly(
                "  VERSION  TASK         KIND  ACTION",
                "  1.1      V1_1__x.sql  SQL   RUN");
    }

    @Test
    void aHistoryRowCarriesTheNodeTheTokenAndTheDuration() {
        TaskRecord failed = new TaskRecord(3, Version.parse("1.1"), "V1_1__x.sql", Optional.of("c"), TaskStatus.FAILED,
                "web-1", 7, T0, Optional.of(T0.plusMillis(1500)), Optional.of("password=hunter2 rejected"));
        TaskRow row = TaskRow.of(failed);
        assertThat(row).isEqualTo(new TaskRow("1.1", "V1_1__x.sql", "FAILED", "web-1", 7, "2026-01-01T10:00:00Z",
                1500L, "password=hunter2 rejected"));
        assertThat(row.redacted(e -> e.replace("hunter2", "****")).error()).isEqualTo("password=**** rejected");
        TaskRow running = TaskRow.of(new TaskRecord(4, Version.parse("1.1"), "y", Optional.empty(),
                TaskStatus.RUNNING, "web-2", 8, T0, Optional.empty(), Optional.empty()));
        assertThat(running.durationMillis()).isNull();
        assertThat(running.redacted(e -> "changed")).isSameAs(running);
    }

    @Test
    void aFreeLockHasNoHolderAndNoAge() {
        LockInfo held = new LockInfo("upgrade", "lease", Optional.of("web-1"), 9, T0, T0.plusSeconds(5),
                Optional.of(T0.plusSeconds(35)), Duration.ofSeconds(5), true);
        assertThat(LockRow.of(held)).isEqualTo(new LockRow("upgrade", "lease", "web-1", 9, true, 5000L,
                "2026-01-01T10:00:00Z", "2026-01-01T10:00:05Z", "2026-01-01T10:00:35Z"));
        LockInfo free = new LockInfo("upgrade", "advisory", Optional.empty(), 9, T0, T0, Optional.empty(),
                Duration.ofSeconds(5), false);
        assertThat(LockRow.of(Optional.of(free))).satisfies(row -> {
            assertThat(row.holder()).isNull();
            assertThat(row.ageMillis()).isNull();
            assertThat(row.expiresAt()).isNull();
        });
        assertThat(LockRow.of(Optional.empty())).isNull();
    }

    @Test
    void aNodesHeartbeatAgeIsJudgedOnTheGivenClockAndNeverNegative() {
        NodeRecord node = new NodeRecord("web-1", "h1", Version.parse("1.0"), NodeState.READY, 2, T0,
                T0.plusSeconds(10), Duration.ofSeconds(20), false, false);
        assertThat(NodeRow.of(List.of(node), T0.plusSeconds(12))).singleElement().isEqualTo(new NodeRow("web-1", "h1",
                "1.0", "READY", 2, "2026-01-01T10:00:00Z", "2026-01-01T10:00:10Z", 2000, 20_000, false, false));
        assertThat(NodeRow.of(node, T0).heartbeatAgeMillis()).as("a clock behind the heartbeat").isZero();
    }

    @Test
    void aPlanStepSaysWhichDataVersionItCommits() {
        TaskDefinition task = TaskDefinition.of(Version.parse("1.1"), "com.acme.Backfill", () -> null);
        assertThat(StepRow.of(new PlannedTask(task, PlannedTask.Action.RUN, Version.parse("1.1"))))
                .isEqualTo(new StepRow("1.1", "com.acme.Backfill", "JAVA", "RUN", "1.1"));
        assertThat(StepRow.of(new PlannedTask(task, PlannedTask.Action.RESUME, null)).setsDataVersion()).isNull();
    }

    @Test
    void aChainStepSaysWhatClientsMustDo() {
        ReleasePlanner planner = new ReleasePlanner(ReleaseSet.of("releases.yaml", List.of(
                Release.of("1.0.0", List.of("v1"), "1.0.0", "1.0.0", "1.0.1"),
                Release.of("1.0.1", List.of("v1", "v2"), "1.0.1", "1.0.0", "1.0.1"))));
        PlannedChain chain = planner.plan(Version.parse("1.0.0"), Version.parse("1.0.1"));
        assertThat(ChainStepRow.of(chain.steps().get(0))).isEqualTo(new ChainStepRow(1, "1.0.0", "1.0.1",
                List.of("v2"), List.of(), "1.0.0", "1.0.1", "nothing; v2 becomes available", false, List.of(),
                List.of()));
    }

    @Test
    void anUpgradeReportCarriesTheVersionsTheNodeAndTheRowsWritten() {
        TaskRecord done = new TaskRecord(3, Version.parse("1.1"), "x.sql", Optional.empty(), TaskStatus.SUCCEEDED,
                "web-1", 7, T0, Optional.of(T0.plusMillis(20)), Optional.empty());
        UpgradeResult result = new UpgradeResult(UpgradeResult.Outcome.UPGRADED, Optional.empty(),
                Optional.of(Version.parse("1.1")), List.of(done), true);
        assertThat(UpgradeReport.of(result, Version.parse("1.1"), "web-1")).isEqualTo(new UpgradeReport("UPGRADED",
                null, "1.1", "1.1", "web-1", true, List.of(TaskRow.of(done))));
    }

    @Test
    void aStatusReportFlattensTheStatusAndNamesTheDriftedScripts() {
        TaskDefinition task = TaskDefinition.of(Version.parse("1.1"), "com.acme.Backfill", () -> null);
        ValidationIssue edited = new ValidationIssue(ValidationIssue.Kind.CHECKSUM_CHANGED, Version.parse("1.0"),
                "V1_0__a.sql", Optional.of("1"), Optional.of("2"), "edited");
        ValidationIssue gone = new ValidationIssue(ValidationIssue.Kind.MISSING, Version.parse("1.0"), "b.sql",
                Optional.empty(), Optional.empty(), "gone");
        UpsilonStatus status = new UpsilonStatus(Optional.of(Version.parse("1.0")), Version.parse("1.1"),
                UpsilonStatus.State.PENDING,
                List.of(new PlannedTask(task, PlannedTask.Action.RUN, Version.parse("1.1"))), Optional.empty(),
                List.of(edited, gone));
        StatusReport report = StatusReport.of(status, "upsilon.tasks", "db at localhost");
        assertThat(report).isEqualTo(new StatusReport("1.0", "1.1", "PENDING",
                List.of(new StepRow("1.1", "com.acme.Backfill", "JAVA", "RUN", "1.1")), null,
                List.of(new StatusReport.TaskRef("1.0", "V1_0__a.sql")), List.of(edited, gone), "upsilon.tasks",
                "db at localhost"));
    }
}
