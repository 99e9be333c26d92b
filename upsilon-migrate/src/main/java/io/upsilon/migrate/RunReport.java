package io.upsilon.migrate;

import io.upsilon.report.ReportText;
import io.upsilon.report.TextTable;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a migration run did.
 *
 * @param entities one line per entity type
 */
public record RunReport(List<Entity> entities) {

    /**
     * One entity type's run.
     *
     * @param name      the entity
     * @param rowsRead  source rows read
     * @param written   target rows written, by table
     * @param watermark the latest update time written (and stored) so far, by this run or an earlier one; null when
     *                  nothing was ever written
     * @param started   where the run started: {@code start}, {@code checkpoint} or {@code since}
     * @param took      how long it took
     * @param deleted   rows found deleted in the source (deleted in the target when propagating)
     * @param fresh     rows read that were updated after the previous watermark: the lag this run caught up, without
     *                  the overlap it re-read
     */
    public record Entity(String name, long rowsRead, Map<String, Long> written, String watermark, String started,
                         Duration took, long deleted, long fresh) {

        /** Rows per second. */
        public double rate() {
            return took.isZero() ? 0 : rowsRead * 1000.0 / Math.max(1, took.toMillis());
        }

        /** The rows written per table, for a log line: {@code "transfers 20000, transfer_fees 20000"}; null if none. */
        public String describeWritten() {
            return written.isEmpty() ? null : written.entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * The run as a table, one line per entity: ENTITY, FROM ({@link Entity#started()}), READ, WRITTEN
     * ({@link Entity#describeWritten()}), WATERMARK, ROWS/S, TOOK, and DELETES ({@code 3 deleted} when propagating,
     * {@code 3 found, kept} when reporting) unless {@code deletes} is {@link Migrator.Deletes#IGNORE}.
     */
    public TextTable table(Migrator.Deletes deletes) {
        boolean withDeletes = deletes != Migrator.Deletes.IGNORE;
        TextTable table = withDeletes
                ? new TextTable("ENTITY", "FROM", "READ", "WRITTEN", "WATERMARK", "ROWS/S", "TOOK", "DELETES")
                : new TextTable("ENTITY", "FROM", "READ", "WRITTEN", "WATERMARK", "ROWS/S", "TOOK");
        for (Entity e : entities) {
            Object[] cells = {e.name(), e.started(), e.rowsRead(), e.describeWritten(), e.watermark(),
                Math.round(e.rate()), ReportText.duration(e.took()), deletes == Migrator.Deletes.PROPAGATE
                    ? e.deleted() + " deleted" : e.deleted() + " found, kept"};
            table.row(withDeletes ? cells : Arrays.copyOf(cells, cells.length - 1));
        }
        return table;
    }

    /**
     * A run as a record for JSON ({@link #view}): Jackson writes {@code {"entities": [...]}}.
     *
     * @param entities one record per entity
     */
    public record View(List<EntityView> entities) {
    }

    /**
     * An entity's run as a record for JSON, as the {@code upsilon} CLI prints it.
     *
     * @param entity        the entity
     * @param started       {@code start}, {@code checkpoint}, {@code since} or {@code log}
     * @param rowsRead      source rows read
     * @param written       target rows written, by table
     * @param watermark     the latest update time stored, or null
     * @param rowsPerSecond rows read per second, rounded
     * @param deletesFound  rows found deleted in the source; null when deletes were not looked for
     * @param tookMillis    how long it took
     */
    public record EntityView(String entity, String started, long rowsRead, Map<String, Long> written,
                             String watermark, long rowsPerSecond, Long deletesFound, long tookMillis) {
    }

    /**
     * What to know after the run, in lines for an operator: where the next run starts (the watermarks stored with
     * the rows, less {@code overlap}), and with {@link Migrator.Deletes#REPORT} how many deleted rows the target still
     * has and how to delete them, named through {@code names}.
     */
    public List<String> notes(Migrator.Deletes deletes, Duration overlap, MigrationNames names) {
        List<String> lines = new java.util.ArrayList<>(List.of("The watermarks are stored in the target with the rows:"
                + " the next run reads from there (minus the overlap of " + Narration.duration(overlap) + ")."));
        long found = entities.stream().mapToLong(Entity::deleted).sum();
        if (deletes == Migrator.Deletes.REPORT && found > 0) {
            lines.add(Narration.plural(found, "row", "rows") + " deleted in the source are still in the target; '"
                    + names.of(MigrationNames.Term.PROPAGATE_DELETES) + "' deletes them.");
        }
        return lines;
    }

    /**
     * The run in words, every line ended by a newline: how long it took, the {@link #table} (indented by two blanks)
     * and the {@link #notes}.
     */
    public String describe(Duration took, Migrator.Deletes deletes, Duration overlap, MigrationNames names) {
        return "Done in " + ReportText.duration(took) + ":\n" + table(deletes).text("  ")
                + notes(deletes, overlap, names).stream().map(line -> line + "\n").collect(Collectors.joining());
    }

    /** This run as a record for JSON; {@code deletes} says whether deletes were looked for ({@code IGNORE}: not). */
    public View view(Migrator.Deletes deletes) {
        return new View(entities.stream().map(e -> new EntityView(e.name(), e.started(), e.rowsRead(), e.written(),
                e.watermark(), Math.round(e.rate()), deletes == Migrator.Deletes.IGNORE ? null : e.deleted(),
                e.took().toMillis())).toList());
    }

    public RunReport {
        entities = List.copyOf(entities);
    }

    /**
     * The most rows any entity read, the overlap re-read included: how far behind the target was when the run
     * started, as the operator sees it.
     */
    public long maxRowsRead() {
        return entities.stream().mapToLong(Entity::rowsRead).max().orElse(0);
    }
}
