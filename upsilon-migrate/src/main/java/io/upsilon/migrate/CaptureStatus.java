package io.upsilon.migrate;

import java.time.Duration;

/**
 * What {@code migrate status} shows about change capture.
 *
 * @param mode       the capture mode this migration runs in
 * @param reason     why (the line printed when a run starts)
 * @param slot       the replication slot's (and publication's) name; null in watermark mode
 * @param slotExists whether the slot exists now
 * @param active     whether a migrator reads the slot now
 * @param confirmed  the slot's confirmed position: the log before it is in the target; null without a slot
 * @param lagBytes   WAL the slot keeps on the source's disk (from its confirmed position to the current one)
 * @param lagChanges inserts, updates and deletes of the spec's tables waiting in that WAL; null when unknown (the
 *                   slot is being read)
 * @param age        since the slot was made; null when unknown
 * @param tooOld     whether the slot is older than the configured limit ({@link Migrator.Options#slotAgeLimit()})
 */
public record CaptureStatus(CaptureMode mode, String reason, String slot, boolean slotExists, boolean active,
                            String confirmed, long lagBytes, Long lagChanges, Duration age, boolean tooOld) {
}
