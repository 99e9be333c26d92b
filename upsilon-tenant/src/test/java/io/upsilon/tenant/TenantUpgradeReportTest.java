package io.upsilon.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link TenantUpgrader.Report}'s table rows and {@link TenantUpgrader.CanaryFailure#of}, without a database. */
class TenantUpgradeReportTest {

    private static final Version V1 = Version.parse("1.0.0");
    private static final Version V2 = Version.parse("2.0.0");

    private static TenantResult result(String tenant, TenantOutcome outcome, String message) {
        return new TenantResult(TenantId.parse(tenant), "mod-x", Optional.of(V1), V2, outcome,
                Optional.ofNullable(message));
    }

    private static TenantRecord installed(String tenant, Optional<Version> version) {
        return new TenantRecord(TenantId.parse(tenant), "mod-x", version, true, TenantOutcome.CREATED,
                Optional.empty(), Instant.EPOCH);
    }

    @Test
    void theTableNamesItsLastColumnsAsASimulationOrARunHasThem() {
        List<TenantUpgrader.Row> rows = List.of(TenantUpgrader.Row.of(result("t1", TenantOutcome.FAILED, "boom")),
                new TenantUpgrader.Row(TenantId.parse("t2"), Optional.empty(), V2, "CREATED", Optional.empty()));
        assertThat(TenantUpgrader.Row.table(rows, false).lines("  ")).containsExactly(
                "  TENANT  FROM   TO     OUTCOME  MESSAGE",
                "  t1      1.0.0  2.0.0  FAILED   boom",
                "  t2      -      2.0.0  CREATED  -");
        assertThat(TenantUpgrader.Row.table(rows, true).lines("").get(0))
                .isEqualTo("TENANT  FROM   TO     EXPECTED  NOTE");
    }

    @Test
    void rowsAreTheResultsInOrderThenTheSkippedTenantsAtTheVersionTheyStayAt() {
        TenantUpgrader.Report report = new TenantUpgrader.Report(V2, List.of(result("t2", TenantOutcome.UPGRADED, null),
                result("t1", TenantOutcome.FAILED, "boom")), List.of(installed("t3", Optional.of(V1)),
                installed("t4", Optional.empty())), Optional.empty());

        assertThat(report.rows()).containsExactly(
                new TenantUpgrader.Row(TenantId.parse("t2"), Optional.of(V1), V2, "UPGRADED", Optional.empty()),
                new TenantUpgrader.Row(TenantId.parse("t1"), Optional.of(V1), V2, "FAILED", Optional.of("boom")),
                new TenantUpgrader.Row(TenantId.parse("t3"), Optional.of(V1), V2, "SKIPPED",
                        Optional.of("not touched: the run stopped")),
                new TenantUpgrader.Row(TenantId.parse("t4"), Optional.empty(), V2, "SKIPPED",
                        Optional.of("not touched: the run stopped")));
        assertThat(report.summary()).isEqualTo("1 upgraded, 1 failed, 2 skipped");
    }

    @Test
    void tenantsSkippedBecauseTheCanaryFailedSaySo() {
        TenantResult canary = result("t2", TenantOutcome.FAILED, "boom");
        TenantUpgrader.Report report = new TenantUpgrader.Report(V2, List.of(canary),
                List.of(installed("t1", Optional.of(V1))), Optional.of(TenantUpgrader.CanaryFailure.of(
                        canary.tenant(), "FAILED: boom", false, Optional.empty())));

        assertThat(report.rows()).extracting(TenantUpgrader.Row::outcome).containsExactly("FAILED", "SKIPPED");
        assertThat(report.rows().get(1).message()).contains("not touched: the canary failed");
        assertThat(report.canaryFailure().orElseThrow().restored()).as("a failed init rolled itself back").isTrue();
    }

    @Test
    void aRunReadsAsItsTableItsSkippedTenantsAndASummaryOrSaysThatNoTenantHasTheModule() {
        TenantUpgrader.Report report = new TenantUpgrader.Report(V2, List.of(result("t2", TenantOutcome.UPGRADED, null),
                result("t1", TenantOutcome.FAILED, "boom")), List.of(installed("t3", Optional.of(V1))),
                Optional.empty());
        assertThat(report.describe("mod-x")).isEqualTo("""
                  TENANT  FROM   TO     OUTCOME   MESSAGE
                  t2      1.0.0  2.0.0  UPGRADED  -
                  t1      1.0.0  2.0.0  FAILED    boom
                  t3      1.0.0  2.0.0  SKIPPED   not touched: the run stopped
                Skipped (not touched): t3
                Summary: 1 upgraded, 1 failed, 1 skipped.
                """);
        assertThat(new TenantUpgrader.Report(V2, List.of(), List.of(), Optional.empty()).describe("mod-x"))
                .isEqualTo("No tenant has mod-x installed; nothing to upgrade. Install one with 'upsilon tenant"
                        + " install --tenant ID --module mod-x-2.0.0'.\n");
    }

    @Test
    void aSimulationReadsAsTheStepsItWouldTakeAndTheOutcomesExpected() {
        List<TenantResult> steps = List.of(result("t2", TenantOutcome.UPGRADED, null),
                new TenantResult(TenantId.parse("t1"), "mod-x", Optional.of(V2), V2, TenantOutcome.UNCHANGED,
                        Optional.empty()));
        assertThat(TenantUpgrader.describe(steps, "mod-x", V2, Optional.of(TenantId.parse("t2")))).isEqualTo("""
                Simulated, nothing changed: an upgrade of mod-x to 2.0.0 would run 2 tenants, canary t2 first:
                  TENANT  FROM   TO     EXPECTED   NOTE
                  t2      1.0.0  2.0.0  UPGRADED   -
                  t1      2.0.0  2.0.0  UNCHANGED  -
                Expected: 1 upgraded, 1 unchanged.
                """);
        assertThat(TenantUpgrader.describe(List.of(), "mod-x", V2, Optional.empty())).isEqualTo("Simulated, nothing"
                + " changed: no tenant has mod-x installed, so an upgrade would do nothing.\n");
    }

    @Test
    void theViewHasTheRunsSettingsTheSkippedIdsAndItsError() {
        TenantUpgrader.Report report = new TenantUpgrader.Report(V2, List.of(result("t1", TenantOutcome.FAILED,
                "boom")), List.of(installed("t3", Optional.of(V1))), Optional.empty());
        TenantUpgradeOptions options = TenantUpgradeOptions.builder().parallel(3).continueOnError(true).build();
        TenantUpgrader.View view = report.view("mod-x", options);
        assertThat(view).extracting(TenantUpgrader.View::module, TenantUpgrader.View::to, TenantUpgrader.View::canary,
                TenantUpgrader.View::parallel, TenantUpgrader.View::continueOnError, TenantUpgrader.View::skipped)
                .containsExactly("mod-x", V2, Optional.empty(), 3, true, List.of("t3"));
        assertThat(view.results()).isEqualTo(report.results());
        assertThat(view.error().code()).isEqualTo("TENANT_FAILED");
        assertThat(view.error().message()).isEqualTo(report.failure().orElseThrow());
        assertThat(new TenantUpgrader.Report(V2, List.of(), List.of(), Optional.empty()).view("mod-x", options)
                .error()).isNull();
    }

    @Test
    void aCanaryIsRestoredUnlessItsCheckFailedAndTheRollbackDidNotBringItBack() {
        TenantId acme = TenantId.parse("acme");
        TenantResult back = new TenantResult(acme, "mod-x", Optional.of(V2), V1, TenantOutcome.UPGRADED,
                Optional.empty());
        TenantResult refused = new TenantResult(acme, "mod-x", Optional.of(V2), V1, TenantOutcome.REJECTED,
                Optional.of("task t of version 2.0.0 has no rollback"));

        assertThat(TenantUpgrader.CanaryFailure.of(acme, "bad", true, Optional.of(back)).restored()).isTrue();
        assertThat(TenantUpgrader.CanaryFailure.of(acme, "bad", true, Optional.of(refused)).restored()).isFalse();
        assertThat(TenantUpgrader.CanaryFailure.of(acme, "bad", true, Optional.empty()).restored())
                .as("nothing to roll back: the canary was already there").isTrue();
    }
}
