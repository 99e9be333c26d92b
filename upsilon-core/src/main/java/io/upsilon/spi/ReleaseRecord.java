package io.upsilon.spi;

import io.upsilon.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the release history: an upgrade (or downgrade) that completed, appended by the engine.
 *
 * @param id              the row id assigned by the store, increasing in the order rows were written
 * @param softwareVersion the release the upgrade was for (the node's software version, or the target of
 *                        {@code migrateTo} / {@code upsilon upgrade --to})
 * @param dataVersion     the data version it left the store at; empty when a downgrade went below every version
 * @param nodeId          the node that ran it
 * @param recordedAt      when it was written (store time)
 */
public record ReleaseRecord(long id, Version softwareVersion, Optional<Version> dataVersion, String nodeId,
                            Instant recordedAt) {
}
