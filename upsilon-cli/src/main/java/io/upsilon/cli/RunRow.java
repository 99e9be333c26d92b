package io.upsilon.cli;

import io.upsilon.migrate.Migrator.Deletes;
import io.upsilon.migrate.RunReport;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One entity's migration run as the {@code migrate} commands print it.
 *
 * @param started       where the run started: {@code start} (no checkpoint yet), {@code checkpoint} or
 *                      {@code since}
 * @param rowsRead      source rows read
 * @param written       target rows written, by target table
 * @param watermark     the latest update time seen, stored in the target as the next run's checkpoint; null when
 *                      nothing has been copied yet
 * @param rowsPerSecond rows read per second
 * @param deletesFound  rows found deleted in the source (deleted in the target too with {@code --deletes
 *                      propagate}); null when deletes were not looked for
 */
record RunRow(String entity, String started, long rowsRead, Map<String, Long> written, String watermark,
              long rowsPerSecond, Long deletesFound, long tookMillis) {

    static RunRow of(RunReport.Entity entity, Deletes deletes) {
        return new RunRow(entity.name(), entity.started(), entity.rowsRead(), entity.written(), entity.watermark(),
                Math.round(entity.rate()), deletes == Deletes.IGNORE ? null : entity.deleted(),
                entity.took().toMillis());
    }

    static List<RunRow> of(RunReport report, Deletes deletes) {
        return report.entities().stream().map(e -> of(e, deletes)).toList();
    }

    /** The most rows any entity read: how far behind the target was. */
    static long lag(RunReport report) {
        return report.entities().stream().mapToLong(RunReport.Entity::rowsRead).max().orElse(0);
    }

    /** "transfers 20000, transfer_fees 20000", or null when nothing was written. */
    String writtenText() {
        return written.isEmpty() ? null : written.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static void print(PrintWriter out, List<RunRow> rows, Deletes deletes, String indent) {
        boolean withDeletes = deletes != Deletes.IGNORE;
        Table table = withDeletes
                ? new Table("ENTITY", "FROM", "READ", "WRITTEN", "WATERMARK", "ROWS/S", "TOOK", "DELETES")
                : new Table("ENTITY", "FROM", "READ", "WRITTEN", "WATERMARK", "ROWS/S", "TOOK");
        for (RunRow r : rows) {
            Object[] cells = {r.entity(), r.started(), r.rowsRead(), r.writtenText(), r.watermark(),
                r.rowsPerSecond(), Text.duration(r.tookMillis()), deletes == Deletes.PROPAGATE
                    ? r.deletesFound() + " deleted" : r.deletesFound() + " found, kept"};
            table.row(withDeletes ? cells : Arrays.copyOf(cells, cells.length - 1));
        }
        table.print(out, indent);
    }
}
