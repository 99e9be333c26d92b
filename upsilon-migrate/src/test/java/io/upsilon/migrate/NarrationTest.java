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
}
