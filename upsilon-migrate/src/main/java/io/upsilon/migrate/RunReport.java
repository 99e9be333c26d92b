package io.upsilon.migrate;

import java.time.Duration;
import java.util.List;
import java.util.Map;

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
