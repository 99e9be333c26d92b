package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link ContinuousView} and {@link CaptureStatus.View} as Jackson writes them. */
class ContinuousViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final RunReport RUN = new RunReport(List.of(new RunReport.Entity("transfers", 2_000,
            Map.of("transfers", 2_000L), "2026-01-01 00:03:20+00", "start", Duration.ofMillis(500), 3, 2_000)));
    private static final VerifyReport CLEAN = new VerifyReport(List.of(new VerifyReport.Table("transfers",
            "transfers", 2_000, 2_000, List.of(), List.of(), List.of(), 0)));

    @Test
    void aCutOverIsWrittenFieldByFieldInOrder() {
        ContinuousMigration.Report report = new ContinuousMigration.Report(CaptureMode.WATERMARK, new CutoverReport(
                List.of(RUN), RUN, CLEAN, Duration.ofMillis(1_200), true), Optional.empty(), true,
                Optional.of(Duration.ofMillis(30)), true, true, Optional.of(true));
        JsonNode json = JSON.valueToTree(ContinuousView.of(report, "spec.yaml", "jdbc:a", "jdbc:b", true,
                "https://b.example", Optional.empty()));

        assertThat(json.fieldNames()).toIterable().containsExactly("spec", "source", "target", "captureMode",
                "cutover", "cutOver", "catchUps", "finalRun", "verify", "windowHeldMillis", "drainMillis",
                "windowOpen", "switched", "switchError", "trafficOn", "oldClusterRetired", "newLocation", "error");
        assertThat(json.get("captureMode").asText()).isEqualTo("watermark");
        assertThat(json.get("cutover").asText()).isEqualTo("maintenance");
        assertThat(json.get("trafficOn").asText()).isEqualTo("new");
        assertThat(json.at("/catchUps/0/entities/0/deletesFound").isNull()).as("not looked for").isTrue();
        assertThat(json.at("/finalRun/entities/0/deletesFound").asLong()).isEqualTo(3);
        assertThat(json.at("/finalRun/entities/0/rowsPerSecond").asLong()).isEqualTo(4_000);
        assertThat(json.at("/finalRun/entities/0/tookMillis").asLong()).isEqualTo(500);
        assertThat(json.at("/verify/matches").asBoolean()).isTrue();
        assertThat(json.at("/verify/tables/0/expected").asLong()).isEqualTo(2_000);
        assertThat(json.get("windowHeldMillis").asLong()).isEqualTo(1_200);
        assertThat(json.get("drainMillis").asLong()).isEqualTo(30);
        assertThat(json.get("error").isNull()).isTrue();
    }

    @Test
    void aLagThatStayedHighHasNoWindowFieldsAndItsError() {
        ContinuousMigration.Report report = new ContinuousMigration.Report(CaptureMode.LOG, new CutoverReport(
                List.of(RUN), null, null, Duration.ZERO, false), Optional.empty(), false, Optional.empty(), false,
                false, Optional.empty());
        JsonNode json = JSON.valueToTree(ContinuousView.of(report, null, "a", "b", false, null,
                Optional.of("the lag did not fall")));

        assertThat(json.get("cutover").asText()).isEqualTo("manual");
        assertThat(json.get("finalRun").isNull()).isTrue();
        assertThat(json.get("verify").isNull()).isTrue();
        assertThat(json.get("windowHeldMillis").isNull()).isTrue();
        assertThat(json.get("windowOpen").isNull()).isTrue();
        assertThat(json.get("trafficOn").asText()).isEqualTo("old");
        assertThat(json.at("/error/code").asText()).isEqualTo("LAG_TOO_HIGH");
        assertThat(json.at("/error/message").asText()).isEqualTo("the lag did not fall");
        assertThat(json.at("/error/exitCode").asInt()).isEqualTo(io.upsilon.ErrorCode.LAG_TOO_HIGH.exitCode());
    }

    @Test
    void aCaptureStatusWithoutASlotHasNoLag() {
        CaptureStatus watermark = new CaptureStatus(CaptureMode.WATERMARK, "capture: watermark (x)", null, false,
                false, null, 0, null, null, false);
        JsonNode json = JSON.valueToTree(watermark.view("spec.yaml"));
        assertThat(json.fieldNames()).toIterable().containsExactly("spec", "captureMode", "reason", "slot",
                "slotExists", "active", "confirmedLsn", "lagBytes", "lagChanges", "ageSeconds", "tooOld");
        assertThat(json.get("captureMode").asText()).isEqualTo("watermark");
        assertThat(json.get("lagBytes").isNull()).isTrue();
    }
}
