package io.upsilon.release;

import static io.upsilon.release.ChainAssertions.assertCode;
import static io.upsilon.release.ChainAssertions.stops;
import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.TaskDefinition;
import io.upsilon.Version;
import io.upsilon.fixtures.NoopTask;
import io.upsilon.fixtures.ReversibleTask;
import io.upsilon.report.RollbackReport;
import io.upsilon.spi.ReleaseRecord;
import io.upsilon.spi.StoreSession;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.VersionStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RollbackPlannerTest {

    private final ReleasePlanner planner = new ReleasePlanner(SeedReleases.set());

    private static Version v(String s) {
        return Version.parse(s);
    }

    private static List<Version> history(String... versions) {
        return java.util.Arrays.stream(versions).map(Version::parse).toList();
    }

    private static Manifest manifest(boolean lastReversible) {
        return Manifest.of("upsilon.tasks", List.of(
                TaskDefinition.of(v("1.0.0"), "sql/1.0.0/create_transfer.sql", ReversibleTask::new),
                TaskDefinition.of(v("1.0.1"), "sql/1.0.1/add_quote_id.sql", ReversibleTask::new),
                TaskDefinition.of(v("2.0.0"), "com.acme.BackfillQuoteIds", ReversibleTask::new),
                TaskDefinition.of(v("2.0.0"), "sql/2.0.0/require_quote_id.sql",
                        lastReversible ? ReversibleTask::new : NoopTask::new)));
    }

    @Test
    void rollingBackTheSeedReversesItsStepsAndUndoesTheTasksNewestFirst() {
        PlannedChain chain = planner.planRollback(history("1.0.0", "1.0.1", "2.0.1"), v("1.0.2"), manifest(true));
        assertThat(chain.direction()).isEqualTo(PlannedChain.Direction.ROLLBACK);
        assertThat(stops(chain)).containsExactly("2.0.1", "2.0.0", "1.0.2");
        ChainStep first = chain.steps().get(0);
        assertThat(first.dataBefore()).isEqualTo(v("2.0.0"));
        assertThat(first.dataAfter()).isEqualTo(v("1.0.1"));
        assertThat(first.rollsBack()).containsExactly("sql/2.0.0/require_quote_id.sql", "com.acme.BackfillQuoteIds");
        ChainStep second = chain.steps().get(1);
        assertThat(second.apiAdded()).containsExactly("v1");
        assertThat(second.rollsBack()).isEmpty();
        assertThat(second.clientAction()).isEqualTo("nothing; v1 becomes available");
    }

    @Test
    void allTheWayBackDropsV2BeforeTheStepThatLeavesIt() {
        PlannedChain chain = planner.planRollback(history("1.0.0", "1.0.1", "1.0.2", "2.0.0", "2.0.1"), v("1.0.0"),
                manifest(true));
        assertThat(stops(chain)).containsExactly("2.0.1", "2.0.0", "1.0.2", "1.0.1", "1.0.0");
        assertThat(chain.steps().get(2).clientAction()).isEqualTo("move off v2 (to v1) before this step");
        assertThat(chain.steps().get(3).rollsBack()).containsExactly("sql/1.0.1/add_quote_id.sql");
    }

    @Test
    void aStepWhoseTaskHasNoRollbackIsRefusedNamingTheTask() {
        assertCode(() -> planner.planRollback(history("1.0.0", "2.0.1"), v("1.0.2"), manifest(false)),
                ErrorCode.NO_SAFE_CHAIN, "cannot roll back 2.0.1 -> 2.0.0 (step 1 of 2, data 2.0.0 -> 1.0.1)",
                "task sql/2.0.0/require_quote_id.sql of data version 2.0.0 in upsilon.tasks has no rollback");
        // a rollback that leaves no data version needs no task rollback
        assertThat(stops(planner.planRollback(history("2.0.0"), v("1.0.2"), manifest(false))))
                .containsExactly("2.0.0", "1.0.2");
    }

    @Test
    void reverseStepsKeepTheSameRules() {
        ReleaseSet noMiddle = ReleaseSet.of("releases.yaml", SeedReleases.list().stream()
                .filter(r -> !r.version().equals(v("1.0.2"))).toList());
        assertCode(() -> new ReleasePlanner(noMiddle).planRollback(history("1.0.1", "2.0.0"), v("1.0.1"),
                manifest(true)), ErrorCode.NO_SAFE_CHAIN, "no safe rollback chain from 2.0.0 to 1.0.1",
                "the missing step is 2.0.0 -> 1.0.1", "SHARED_API");
    }

    @Test
    void amongEquallyShortRollbacksTheReleasesTheHistoryRecordedWin() {
        ReleaseSet set = ReleaseSet.of("t", List.of(
                Release.of("1", List.of("a"), "1", "1"),
                Release.of("2", List.of("a", "b"), "1", "1"),
                Release.of("3", List.of("a", "b"), "1", "1"),
                Release.of("4", List.of("b"), "1", "1")));
        Manifest none = Manifest.of("m", List.of());
        ReleasePlanner p = new ReleasePlanner(set);
        assertThat(stops(p.planRollback(history("1", "2", "4"), v("1"), none))).containsExactly("4", "2", "1");
        assertThat(stops(p.planRollback(history("1", "3", "4"), v("1"), none))).containsExactly("4", "3", "1");
        assertThat(stops(p.planRollback(history("4"), v("1"), none))).containsExactly("4", "3", "1");
    }

    @Test
    void badRollbacksAreBadInput() {
        assertCode(() -> planner.planRollback(List.of(), v("1.0.0"), manifest(true)), ErrorCode.BAD_INPUT,
                "the release history is empty");
        assertCode(() -> planner.planRollback(history("1.0.1"), v("2.0.0"), manifest(true)), ErrorCode.BAD_INPUT,
                "release 2.0.0 is after the current release 1.0.1", "--from 1.0.1 --to 2.0.0");
        assertCode(() -> planner.planRollback(history("1.0.1", "3.0"), v("1.0.0"), manifest(true)),
                ErrorCode.UNKNOWN_VERSION, "release 3.0, the current one (last in the release history), is not in"
                        + " releases.yaml");
        assertThat(planner.planRollback(history("1.0.1"), v("1.0.1"), manifest(true)).isEmpty()).isTrue();
    }

    /** A store that holds only a release history and a data version: what planning from a store reads. */
    private static VersionStore store(Optional<Version> data, String... releases) {
        List<ReleaseRecord> rows = new java.util.ArrayList<>();
        for (String r : releases) {
            rows.add(new ReleaseRecord(rows.size() + 1, v(r), data, "node-1", Instant.EPOCH));
        }
        return new VersionStore() {
            @Override public void prepare() { }
            @Override public Optional<Version> dataVersion() { return data; }
            @Override public List<TaskRecord> history() { return List.of(); }
            @Override public StoreSession open(boolean transactional) { throw new UnsupportedOperationException(); }
            @Override public List<ReleaseRecord> releases() { return rows; }
        };
    }

    @Test
    void planningFromAStoreReadsItsHistoryAndDataVersion() {
        RollbackPlan plan = planner.planRollback(store(Optional.of(v("2.0.0")), "1.0.0", "1.0.1", "2.0.1"),
                v("1.0.2"), manifest(true));
        assertThat(stops(plan.chain())).containsExactly("2.0.1", "2.0.0", "1.0.2");
        assertThat(plan.history()).extracting(ReleaseRecord::softwareVersion)
                .containsExactly(v("1.0.0"), v("1.0.1"), v("2.0.1"));
        assertThat(plan.dataVersion()).contains(v("2.0.0"));
        assertThat(plan.dataVersionAgrees()).isTrue();
        assertThat(plan.warning()).isEmpty();
    }

    @Test
    void aDataVersionOtherThanTheCurrentReleasesDisagrees() {
        RollbackPlan plan = planner.planRollback(store(Optional.of(v("1.0.1")), "1.0.0", "1.0.1", "2.0.1"),
                v("1.0.2"), manifest(true));
        assertThat(plan.dataVersionAgrees()).isFalse();
        assertThat(plan.warning()).contains("the data version is 1.0.1 but release 2.0.1, the last in the release"
                + " history, brings 2.0.0; the history or " + plan.chain().source() + " may be out of date");
        assertThat(planner.planRollback(store(Optional.empty(), "1.0.0", "1.0.1", "2.0.1"), v("1.0.2"),
                manifest(true)).dataVersionAgrees()).isFalse();
    }

    @Test
    void aStoreWithoutHistoryIsRefused() {
        assertCode(() -> planner.planRollback(store(Optional.empty()), v("1.0.2"), manifest(true)),
                ErrorCode.BAD_INPUT, "release history is empty");
    }

    @Test
    void aRollbackPlanAndChainReadInWords() {
        RollbackPlan plan = planner.planRollback(store(Optional.of(v("2.0.0")), "1.0.0", "1.0.1", "2.0.1"),
                v("1.0.2"), manifest(true));
        assertThat(plan.summary()).isEqualTo("Release history: 1.0.0, 1.0.1, 2.0.1; data version 2.0.0.");
        assertThat(ReleaseRollback.describe(plan.chain())).startsWith("Roll back 2.0.1 -> 1.0.2 in 2 steps (")
                .contains("\n  1. 2.0.1 -> 2.0.0: replace each node of 2.0.1 by a node of 2.0.0", "; then roll the data"
                        + " back 2.0.0 -> 1.0.1: sql/2.0.0/require_quote_id.sql, com.acme.BackfillQuoteIds; clients: ",
                        "\n  2. 2.0.0 -> 1.0.2: ").endsWith("\n");
        assertThat(ChainDiagrams.table(plan.chain(), "  ")).contains("ROLLS BACK",
                "sql/2.0.0/require_quote_id.sql, com.acme.BackfillQuoteIds");
        assertThat(ReleaseRollback.summary(plan.chain(), List.of()))
                .isEqualTo("Rolled back to release 1.0.2 (data version 1.0.1) in 0 steps.");
        RollbackReport report = RollbackReport.of(plan.chain(), true, List.of());
        assertThat(report.from()).isEqualTo("2.0.1");
        assertThat(report.steps()).extracting(s -> s.step().to() + ": " + s.order().substring(0, 26))
                .containsExactly("2.0.0: replace each node of 2.0.1", "1.0.2: replace each node of 2.0.0");
        assertThat(report.done()).isEmpty();
        PlannedChain none = planner.planRollback(history("1.0.1"), v("1.0.1"), manifest(true));
        assertThat(ReleaseRollback.describe(none)).isEqualTo("Nothing to do: 1.0.1 is already the current release.\n");
        assertThat(plan.describe()).startsWith("Roll back 2.0.1 -> 1.0.2 in 2 steps (").contains("ROLLS BACK")
                .endsWith("\nRelease history: 1.0.0, 1.0.1, 2.0.1; data version 2.0.0.\n");
        assertThat(planner.planRollback(store(Optional.empty(), "1.0.1"), v("1.0.1"), manifest(true)).summary())
                .isEqualTo("Release history: 1.0.1; data version none.");
    }
}
