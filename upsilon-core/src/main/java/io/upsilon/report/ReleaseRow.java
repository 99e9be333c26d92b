package io.upsilon.report;

import io.upsilon.Version;
import io.upsilon.spi.ReleaseRecord;

/**
 * One entry of the store's release history as reports show it ({@code upsilon path --rollback --json}).
 *
 * @param softwareVersion the release recorded
 * @param dataVersion     the data version when it was recorded; null on a fresh store
 * @param nodeId          the node that recorded it
 * @param recordedAt      when (database time)
 */
public record ReleaseRow(String softwareVersion, String dataVersion, String nodeId, String recordedAt) {

    /** The row of {@code record}. */
    public static ReleaseRow of(ReleaseRecord record) {
        return new ReleaseRow(record.softwareVersion().toString(), record.dataVersion().map(Version::toString)
                .orElse(null), record.nodeId(), record.recordedAt().toString());
    }
}
