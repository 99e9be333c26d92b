package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.spi.MaintenanceWindow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The cut-over told as sentences ({@link ContinuousMigration.Builder#narrate}) and its summary. */
class NarrationTest {

    private static final RunReport RUN = new RunReport(List.of(new RunReport.Entity("transfers", 12, Map.of(),
            null, "checkpoint", Duration.ofMillis(5), 0, 12)));
    private static final VerifyReport CLEAN = new VerifyReport(List.of());
    private static final VerifyReport MISMATCH = new VerifyReport(List.of(new VerifyReport.Table("transfers",
            "transfers", 1, 1, List.of(), List.of(), List.of(List.of("77")), 1)));

    private final List<String> lines = new ArrayList<>();
    private final List<String> events = new ArrayList<>();
    private final ContinuousMigration.Listener listener = new ContinuousMigration.Listener() {
        @Override
        public void enteringWindow() {
            events.add("entering");
        }

        @Override
        public void windowEntered(Optional<Duration> drained) {
            events.add("entered");
        }
    };

    private Narration narration(boolean maintenance, boolean switchGiven) {
        return new Narration(listener, lines::add, new Narration.Settings(500, 100, Duration.ofSeconds(1),
                maintenance, Duration.ofSeconds(60), switchGiven, MigrationNames.DEFAULT));
    }

    private static ContinuousMigration.Report report(CutoverReport cutover, Optional<Boolean> windowOpen) {
        return new ContinuousMigration.Report(CaptureMode.WATERMARK, cutover, Optional.empty(),
                cutover.finalRun() != null, windowOpen.map(open -> Duration.ofMillis(3)), cutover.cutOver(),
                cutover.cutOver() && windowOpen.isPresent(), windowOpen);
    }

    @Test
    void aMaintenanceCutOverTellsEachStepAndTheListenerStillHearsThem() {
        Narration narration = narration(true, true);
        narration.continuing(new MaintenanceWindow(CutoverHook.REASON, CutoverHook.WHO,
                Instant.parse("2026-01-01T00:00:00Z"), null));
        narration.enteringWindow();
        narration.windowEntered(Optional.of(Duration.ofMillis(1_250)));
        narration.switchingTraffic();

        assertThat(lines).containsExactly(
                "The maintenance window an earlier cut-over opened is still open (since 2026-01-01T00:00:00Z, by"
                        + " upsilon migrate: side-by-side cut-over); the cut-over continues in it.",
                "Caught up (a run read at most 500 rows): opening the maintenance window on the old cluster and"
                        + " draining its work in flight (up to 60 s)...",
                "Window open, drained in 1.3 s: final catch-up (deletes propagated) and verification...",
                "Verified: running the traffic switch...");
        assertThat(events).containsExactly("entering", "entered");
    }

    @Test
    void aManualCutOverOpensNoWindowAndWithoutASwitchSaysNothingOfIt() {
        Narration narration = narration(false, false);
        narration.enteringWindow();
        narration.windowEntered(Optional.empty());
        narration.switchingTraffic();
        assertThat(lines).containsExactly("Caught up (a run read at most 500 rows): final catch-up and verification"
                + " (manual cut-over: no window)...");
        assertThat(narration.summary(report(new CutoverReport(List.of(RUN), RUN, CLEAN, Duration.ofMillis(40), true),
                Optional.empty()), null)).isEqualTo("Cut over: the target matches. Final catch-up and verification"
                + " took 40 ms; no window was opened (manual cut-over): switch traffic to the new cluster now.");
    }

    @Test
    void theSummarySaysWhereTheTrafficIsAndWhichWindowStaysOpen() {
        Narration narration = narration(true, true);
        assertThat(narration.summary(report(new CutoverReport(List.of(RUN), RUN, CLEAN, Duration.ofMillis(1_500),
                true), Optional.of(true)), "https://b.example")).isEqualTo("Cut over: the target matches. The"
                + " maintenance window was held for 1.5 s (drain 3 ms); the traffic switch pointed the traffic at the"
                + " new cluster, which is open. The old cluster stays retired: its window stays open (reason moved,"
                + " new location https://b.example), its gates refuse work, and only 'upsilon maintenance exit"
                + " --yes' on the old cluster reopens it.");
        assertThat(narration.summary(report(new CutoverReport(List.of(RUN), RUN, MISMATCH, Duration.ofMillis(20),
                false), Optional.of(true)), null)).isEqualTo("Not cut over: the target does not match. The"
                + " maintenance window was held for 20 ms (drain 3 ms) so far and stays open: traffic stays on the"
                + " old cluster; close it with 'upsilon maintenance exit' on the old cluster.");
        assertThat(narration.summary(report(new CutoverReport(List.of(RUN), RUN, CLEAN, Duration.ofMillis(20),
                false, "exit status 3"), Optional.of(true)), null)).startsWith("Not cut over: the target matches,"
                + " but the switch failed (exit status 3).").endsWith("traffic stays on the old cluster.");
        assertThat(narration.summary(report(new CutoverReport(List.of(RUN), null, null, Duration.ZERO, false),
                Optional.of(false)), null))
                .isEqualTo("The lag stayed above 500 rows: no window was opened, nothing was cut over.");
    }

    /** A front end's names for everything the sentences name. */
    private static final MigrationNames CLI = term -> switch (term) {
        case MAX_LAG_ROWS -> "--max-lag-rows";
        case MAX_RUNS -> "--max-runs";
        case MANUAL_CUTOVER -> "--cutover manual";
        case CUTOVER_RUN -> "'upsilon migrate continuous'";
        case TRAFFIC_SWITCH -> "the switch command";
        case EXIT_OLD -> "'exit-old'";
        case FORCE_EXIT_OLD -> "'force-exit-old'";
        case VERIFY -> "'verify-it'";
        default -> term.defaultName();
    };

    private Narration named(boolean maintenance) {
        return new Narration(listener, lines::add, new Narration.Settings(500, 3, Duration.ofMillis(200),
                maintenance, Duration.ofSeconds(60), true, CLI));
    }

    @Test
    void everyStepAndTheSummaryNameCommandsAndSettingsThroughTheNames() {
        Narration narration = named(false);
        narration.continuing(new MaintenanceWindow(CutoverHook.REASON, CutoverHook.WHO,
                Instant.parse("2026-01-01T00:00:00Z"), null));
        narration.enteringWindow();
        narration.switchingTraffic();
        assertThat(lines).containsExactly("The maintenance window an earlier 'upsilon migrate continuous' opened is"
                + " still open (since 2026-01-01T00:00:00Z, by upsilon migrate: side-by-side cut-over); the cut-over"
                + " continues in it.", "Caught up (a run read at most 500 rows): final catch-up and verification"
                + " (--cutover manual: no window)...", "Verified: running the switch command...");
        assertThat(narration.summary(report(new CutoverReport(List.of(RUN), RUN, CLEAN, Duration.ofMillis(40), true),
                Optional.empty()), null)).endsWith("no window was opened (--cutover manual): the switch command"
                + " pointed the traffic at the new cluster.");
        assertThat(named(true).summary(report(new CutoverReport(List.of(RUN), RUN, CLEAN, Duration.ofMillis(40),
                true), Optional.of(true)), null)).endsWith("only 'force-exit-old' reopens it.");
    }

    @Test
    void thePlanSaysTheLagTheRunsAndTheKindOfCutOver() {
        assertThat(Narration.plan(new Narration.Settings(1, 1, Duration.ofMillis(200), false, Duration.ZERO, false,
                CLI), "jdbc:postgresql://a/x", "jdbc:postgresql://b/y")).isEqualTo("Continuous migration from"
                + " jdbc:postgresql://a/x to jdbc:postgresql://b/y: catch-up runs until one reads at most 1 row (at"
                + " most 1 run, 200 ms apart), then the cut-over (--cutover manual: no window is opened).");
        assertThat(Narration.plan(new Narration.Settings(1_000, 100, Duration.ofSeconds(1), true, Duration.ZERO,
                false, MigrationNames.DEFAULT), "a", "b")).endsWith("(at most 100 runs, 1.0 s apart), then the"
                + " cut-over in the old cluster's maintenance window.");
    }

    @Test
    void eachFailureSaysWhereTheTrafficIsAndTheRemedy() {
        Narration narration = named(true);
        assertThat(narration.failure(report(new CutoverReport(List.of(RUN), RUN, CLEAN, Duration.ZERO, true),
                Optional.of(true)))).isEmpty();
        assertThat(narration.failure(report(new CutoverReport(List.of(RUN, RUN, RUN), null, null, Duration.ZERO,
                false), Optional.of(false)))).hasValue("the lag did not fall to --max-lag-rows 500 within --max-runs 3"
                + " catch-up runs (the last read 12 rows); no window was opened and nothing was cut over: run again"
                + " when the old cluster is quieter, or raise --max-runs or --max-lag-rows");
        assertThat(narration.failure(report(new CutoverReport(List.of(RUN), null, null, Duration.ZERO, false),
                Optional.of(true)))).get().asString().endsWith("an earlier run opened stays open: run again, or"
                + " close it with 'exit-old'");
        assertThat(narration.failure(report(new CutoverReport(List.of(RUN), RUN, MISMATCH, Duration.ZERO, false),
                Optional.of(true)))).hasValue("verification after the final catch-up failed: 1 mismatching key in"
                + " transfers (1 key); the maintenance window on the old cluster stays open, so traffic stays there"
                + " and its nodes hold new work: fix the target (see 'verify-it') and run again, or close the window"
                + " with 'exit-old' to let the old cluster work again");
        assertThat(narration.failure(report(new CutoverReport(List.of(RUN), RUN, MISMATCH, Duration.ZERO, false),
                Optional.empty()))).hasValue("verification after the final catch-up failed: 1 mismatching key in"
                + " transfers (1 key); nothing was cut over: fix the target (see 'verify-it') and run again");
        assertThat(narration.failure(report(new CutoverReport(List.of(RUN), RUN, CLEAN, Duration.ZERO, false,
                "exit status 3"), Optional.of(true)))).hasValue("the target matches, but the traffic switch failed:"
                + " exit status 3; traffic stays on the old cluster, whose maintenance window stays open (its nodes"
                + " hold new work): fix the switch and run again to finish the cut-over, or close the window with"
                + " 'exit-old' to let the old cluster work again");
    }
}
