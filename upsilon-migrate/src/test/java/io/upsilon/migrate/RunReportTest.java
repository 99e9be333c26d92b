package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsilon.report.ReportText;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link RunReport}'s texts for a log and its JSON record. */
class RunReportTest {

    private static final RunReport RUN = new RunReport(List.of(new RunReport.Entity("transfers", 2_000,
            Map.of("transfers", 2_000L), "2026-01-01 00:03:20+00", "start", Duration.ofMillis(500), 3, 2_000)));

    @Test
    void theTableHasADeletesColumnOnlyWhenDeletesWereLookedFor() {
        assertThat(RUN.table(Migrator.Deletes.IGNORE).lines("")).containsExactly(
                "ENTITY     FROM   READ  WRITTEN         WATERMARK               ROWS/S  TOOK",
                "transfers  start  2000  transfers 2000  2026-01-01 00:03:20+00  4000    " + ReportText.duration(
                        Duration.ofMillis(500)));
        assertThat(RUN.table(Migrator.Deletes.REPORT).lines("").get(1)).endsWith("3 found, kept");
        assertThat(RUN.table(Migrator.Deletes.PROPAGATE).lines("").get(1)).endsWith("3 deleted");
    }

    @Test
    void theWrittenTablesAndTheNotesAfterARun() {
        assertThat(RUN.entities().get(0).describeWritten()).isEqualTo("transfers 2000");
        assertThat(new RunReport.Entity("t", 0, Map.of(), null, "checkpoint", Duration.ZERO, 0, 0).describeWritten())
                .isNull();
        assertThat(RUN.notes(Migrator.Deletes.IGNORE, Duration.ofSeconds(2), MigrationNames.DEFAULT))
                .containsExactly("The watermarks are stored in the target with the rows: the next run reads from"
                        + " there (minus the overlap of 2.0 s).");
        assertThat(RUN.notes(Migrator.Deletes.REPORT, Duration.ofSeconds(2), MigrationNames.options()
                .with(MigrationNames.Term.PROPAGATE_DELETES, "--deletes propagate"))).last().isEqualTo("3 rows"
                + " deleted in the source are still in the target; '--deletes propagate' deletes them.");
        assertThat(RUN.notes(Migrator.Deletes.PROPAGATE, Duration.ZERO, MigrationNames.DEFAULT))
                .as("propagated: nothing left to say").hasSize(1);
    }

    @Test
    void theRunReadsAsItsTimeItsTableAndItsNotes() {
        assertThat(RUN.describe(Duration.ofSeconds(3), Migrator.Deletes.IGNORE, Duration.ofSeconds(2),
                MigrationNames.DEFAULT)).isEqualTo("Done in 3.0 s:\n" + RUN.table(Migrator.Deletes.IGNORE).text("  ")
                + "The watermarks are stored in the target with the rows: the next run reads from there (minus the"
                + " overlap of 2.0 s).\n");
    }

    @Test
    void jacksonWritesEachEntityAsTheCliPrintsIt() {
        JsonNode entity = new ObjectMapper().valueToTree(RUN.view(Migrator.Deletes.REPORT)).at("/entities/0");
        assertThat(entity.fieldNames()).toIterable().containsExactly("entity", "started", "rowsRead", "written",
                "watermark", "rowsPerSecond", "deletesFound", "tookMillis");
        assertThat(entity.at("/written/transfers").asLong()).isEqualTo(2_000);
        assertThat(entity.get("deletesFound").asLong()).isEqualTo(3);
        assertThat(new ObjectMapper().valueToTree(RUN.view(Migrator.Deletes.IGNORE)).at("/entities/0/deletesFound")
                .isNull()).as("not looked for").isTrue();
    }
}
