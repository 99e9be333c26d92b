package io.upsilon;

import io.upsilon.report.ReportText;
import io.upsilon.report.TextTable;
import io.upsilon.spi.TaskRecord;
import java.util.List;

/**
 * What a baseline recorded.
 *
 * @param dataVersion the data version now recorded
 * @param rows        the history rows written, status {@code BASELINE}, in manifest order
 * @param sources     for each row, what it was taken from (the other tool's row, or the baseline version)
 * @param ignored     the other tool's rows that map to nothing, each with the reason (repeatable migrations not in
 *                    the manifest, Flyway's markers)
 */
public record BaselineResult(Version dataVersion, List<TaskRecord> rows, List<String> sources, List<String> ignored) {

    public BaselineResult {
        rows = List.copyOf(rows);
        sources = List.copyOf(sources);
        ignored = List.copyOf(ignored);
    }

    /**
     * The rows recorded as a table (version, task, and what each was taken from), then one {@code Ignored: } line per
     * ignored row, then the {@code BASELINE:} line with the data version and how many tasks were recorded. Every line
     * ends with a newline.
     */
    public String describe() {
        TextTable table = new TextTable("VERSION", "TASK", "FROM");
        for (int i = 0; i < rows.size(); i++) {
            table.row(rows.get(i).version(), rows.get(i).task(), sources.get(i));
        }
        StringBuilder out = new StringBuilder(table.text("  "));
        ignored.forEach(line -> out.append("Ignored: ").append(line).append('\n'));
        out.append("BASELINE: data version ").append(dataVersion).append(" (")
                .append(ReportText.plural(rows.size(), "task")).append(" recorded as applied, none run); 'upsilon"
                        + " upgrade' runs only the newer tasks.\n");
        return out.toString();
    }
}
