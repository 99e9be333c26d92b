package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsilon.ErrorCode;
import io.upsilon.report.ErrorRow;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link VerifyReport}'s log texts and JSON form. */
class VerifyReportTest {

    private static final VerifyReport.Table TRANSFERS = new VerifyReport.Table("transfers", "transfers", 1_000, 999,
            List.of(List.of("778")), List.of(), List.of(List.of("777"), List.of("779")), 6);
    private static final VerifyReport.Table FEES = new VerifyReport.Table("transfers", "transfer_fees", 1_000, 1_000,
            List.of(), List.of(), List.of(), 0);
    private static final VerifyReport.Table QUOTES = new VerifyReport.Table("quotes", "quotes", 5, 6, List.of(),
            List.of(List.of("eur", "7")), List.of(), 1);

    @Test
    void mismatchesAreCountedAndDescribedByTableAndKind() {
        VerifyReport report = new VerifyReport(List.of(TRANSFERS, FEES, QUOTES));
        assertThat(report.matches()).isFalse();
        assertThat(report.mismatches()).isEqualTo(7);
        assertThat(report.mismatched()).isEqualTo("transfers (6 keys), quotes (1 key)");
        assertThat(TRANSFERS.describeKeys()).isEqualTo("missing 778; different 777, 779 (and 3 more)");
        assertThat(QUOTES.describeKeys()).as("a key of two fields").isEqualTo("extra (eur, 7)");
        assertThat(new VerifyReport.Table("t", "t", 1, 0, List.of(), List.of(), List.of(), 1).describeKeys())
                .isEqualTo("keys not listed (maxKeys 0) (and 1 more)");
        assertThat(VerifyReport.key(Arrays.asList("a", null))).isEqualTo("(a, NULL)");
        assertThat(new VerifyReport(List.of(FEES)).matches()).isTrue();
        assertThat(new VerifyReport(List.of(FEES)).mismatched()).isEmpty();
    }

    @Test
    void theTextIsTheCountsThenTheKeysOfEachMismatchingTable() {
        assertThat(new VerifyReport(List.of(TRANSFERS, FEES, QUOTES)).describe("  ", MigrationNames.DEFAULT).lines())
                .containsExactly(
                        "  ENTITY     TABLE          EXPECTED  ACTUAL  MISMATCHES",
                        "  transfers  transfers      1000      999     6",
                        "  transfers  transfer_fees  1000      1000    0",
                        "  quotes     quotes         5         6       1",
                        "  transfers: missing 778; different 777, 779 (and 3 more)",
                        "  quotes: extra (eur, 7)");
    }

    @Test
    void jacksonWritesTheTablesByTheirComponentNames() {
        JsonNode json = new ObjectMapper().valueToTree(new VerifyReport(List.of(TRANSFERS)));
        JsonNode table = json.at("/tables/0");
        assertThat(table.get("table").asText()).isEqualTo("transfers");
        assertThat(table.get("expected").asLong()).isEqualTo(1_000);
        assertThat(table.get("mismatches").asLong()).isEqualTo(6);
        assertThat(table.at("/different/1/0").asText()).isEqualTo("779");
        assertThat(table.has("describeKeys")).as("texts are methods, not fields").isFalse();
        assertThat(json.fieldNames()).toIterable().as("the outcome first").containsExactly("matches", "tables");
        assertThat(json.get("matches").asBoolean()).isFalse();
    }

    @Test
    void theSummaryAndTheFailureSayHowManyKeysAndTheRemedy() {
        assertThat(new VerifyReport(List.of(FEES, FEES)).summary()).isEqualTo("All 2 tables match.");
        assertThat(new VerifyReport(List.of(FEES)).failure(MigrationNames.DEFAULT)).isEmpty();
        VerifyReport report = new VerifyReport(List.of(TRANSFERS, FEES, QUOTES));
        assertThat(report.summary()).isEqualTo("7 mismatching keys in 2 tables of 3.");
        MigrationNames cli = term -> switch (term) {
            case RUN_SINCE -> "'upsilon migrate run --spec s.yaml --since UPDATE_TIME'";
            case PROPAGATE_DELETES -> "--deletes propagate";
            case MAX_KEYS -> "--max-keys";
            default -> term.defaultName();
        };
        assertThat(report.failure(cli)).hasValue("the target does not match the source: 7 mismatching keys in"
                + " transfers (6 keys), quotes (1 key); copy the rows again with 'upsilon migrate run --spec s.yaml"
                + " --since UPDATE_TIME' (from before the oldest affected row; with --deletes propagate for the extra"
                + " keys), then verify again");
        assertThat(new VerifyReport(List.of(TRANSFERS)).failure(cli)).get().asString()
                .contains("(from before the oldest affected row), then verify again");
        assertThat(new VerifyReport.Table("t", "t", 1, 0, List.of(), List.of(), List.of(), 1).describeKeys(cli))
                .isEqualTo("keys not listed (--max-keys 0) (and 1 more)");
    }

    @Test
    void theViewCarriesTheFailureAsAVerifyMismatchError() {
        VerifyReport.View matching = new VerifyReport(List.of(FEES)).view("s.yaml", "jdbc:a", "jdbc:b",
                MigrationNames.DEFAULT);
        assertThat(matching.matches()).isTrue();
        assertThat(matching.error()).isNull();
        VerifyReport report = new VerifyReport(List.of(TRANSFERS, FEES));
        VerifyReport.View view = report.view("s.yaml", "jdbc:a", "jdbc:b", MigrationNames.DEFAULT);
        assertThat(view).extracting(VerifyReport.View::spec, VerifyReport.View::source, VerifyReport.View::target,
                VerifyReport.View::matches).containsExactly("s.yaml", "jdbc:a", "jdbc:b", false);
        assertThat(view.tables()).isEqualTo(report.tables());
        assertThat(view.error()).isEqualTo(ErrorRow.of(ErrorCode.VERIFY_MISMATCH,
                report.failure(MigrationNames.DEFAULT).orElseThrow()));
    }
}
