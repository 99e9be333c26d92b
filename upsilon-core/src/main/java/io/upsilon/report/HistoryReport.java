package io.upsilon.report;

import io.upsilon.Version;
import io.upsilon.spi.VersionStore;
import java.util.List;

/**
 * The upgrade history and the data version of a store, as reports show them ({@code upsilon history}, its
 * {@code --json}).
 *
 * @param dataVersion the data version; null on a fresh store
 * @param history     every task run, oldest first, as {@link VersionStore#history()} gives them
 */
public record HistoryReport(String dataVersion, List<TaskRow> history) {

    public HistoryReport {
        history = List.copyOf(history);
    }

    /** The report of {@code store}: read now, without any lock. */
    public static HistoryReport of(VersionStore store) {
        return new HistoryReport(store.dataVersion().map(Version::toString).orElse(null),
                store.history().stream().map(TaskRow::of).toList());
    }

    /**
     * The report for a person: {@code No upgrade history yet in DATABASE.} for an empty history, else the
     * {@link TaskRow#table history table} indented by two blanks and {@code Data version: 1.1} ({@code none} on a
     * fresh store); every line ends with a line break.
     *
     * @param database where the store is, e.g. {@code PostgreSQL at jdbc:postgresql://db:5432/app}
     */
    public String describe(String database) {
        if (history.isEmpty()) {
            return "No upgrade history yet in " + database + ".\n";
        }
        return TaskRow.table(history).text("  ") + "Data version: " + (dataVersion == null ? "none" : dataVersion)
                + "\n";
    }
}
