package io.upsilon.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.Version;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link TextTable} and {@link ReportText}: how report text is laid out and how values read in it. */
class ReportTextTest {

    @Test
    void columnsArePaddedToTheWidestCellAndLinesCarryNoTrailingBlanks() {
        TextTable table = new TextTable("NODE", "STATE", "FLAGS").row("web-1", "READY", null)
                .row("a-much-longer-id", "FENCED", "GONE,FENCED");
        assertThat(table.lines("  ")).containsExactly(
                "  NODE              STATE   FLAGS",
                "  web-1             READY   -",
                "  a-much-longer-id  FENCED  GONE,FENCED");
        assertThat(table.text("")).isEqualTo(String.join("\n", table.lines("")) + "\n");
        StringWriter printed = new StringWriter();
        table.print(new PrintWriter(printed, true), "  ");
        assertThat(printed.toString().lines()).containsExactlyElementsOf(table.lines("  "));
    }

    @Test
    void aHeaderOfEmptyStringsMakesANameValueList() {
        assertThat(new TextTable("", "").row("Lock", "upgrade").row("Held for", "").lines(""))
                .containsExactly("Lock      upgrade", "Held for");
    }

    @Test
    void durationsAgesAndCountsRead() {
        assertThat(ReportText.duration(Duration.ofMillis(420))).isEqualTo("420 ms");
        assertThat(ReportText.duration(4250L)).isEqualTo("4.3 s");
        assertThat(ReportText.duration((Long) null)).isEqualTo("-");
        assertThat(ReportText.age(-5)).isEqualTo("0 ms");
        assertThat(ReportText.age(119_000)).isEqualTo("119.0 s");
        assertThat(ReportText.age(12 * 60_000)).isEqualTo("12 min");
        assertThat(ReportText.age(3 * 3_600_000)).isEqualTo("3 h");
        assertThat(ReportText.age(5 * 86_400_000L)).isEqualTo("5 d");
        assertThat(ReportText.plural(1, "node")).isEqualTo("1 node");
        assertThat(ReportText.plural(0, "node")).isEqualTo("0 nodes");
        assertThat(ReportText.plural(3, "entity", "entities")).isEqualTo("3 entities");
        assertThat(ReportText.version(Optional.empty())).isEqualTo("none");
        assertThat(ReportText.version(Optional.of(Version.parse("1.1")))).isEqualTo("1.1");
    }
}
