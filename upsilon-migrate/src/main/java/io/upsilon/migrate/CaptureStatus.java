package io.upsilon.migrate;

import io.upsilon.migrate.MigrationNames.Term;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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

    /**
     * The status in lines for an operator: the {@link #reason()}, then, in log mode, the slot's: {@code "Slot
     * upsilon_…: none (made by the next 'migrate run' or 'migrate continuous')"}, or {@code "Slot upsilon_… (read by
     * a migrator now): confirmed at 0/16B3748, lag 1024 bytes of WAL, 3 changes, made 2.0 s ago"}.
     */
    public List<String> describe() {
        if (slot == null) {
            return List.of(reason);
        }
        return List.of(reason, "Slot " + slot + (!slotExists
                ? ": none (made by the next 'migrate run' or 'migrate continuous')"
                : (active ? " (read by a migrator now)" : "") + ": confirmed at " + confirmed + ", lag " + lagBytes
                + " bytes of WAL" + (lagChanges == null ? "" : ", " + lagChanges + (lagChanges == 1 ? " change"
                : " changes")) + (age == null ? "" : ", made " + Narration.duration(age) + " ago")));
    }

    /**
     * When the slot is {@link #tooOld()}: a line saying it keeps the source's WAL and how to drop it, the commands
     * named through {@code names}; empty otherwise.
     *
     * @param limit the age limit the status was taken with ({@link Migrator.Options#slotAgeLimit()})
     */
    public Optional<String> warning(Duration limit, MigrationNames names) {
        return tooOld ? Optional.of("Warning: the slot is older than " + limit.toHours() + " h and keeps the source's"
                + " WAL on disk; cut over and run " + names.of(Term.FINISH) + ", or " + names.of(Term.ABORT) + ".")
                : Optional.empty();
    }

    /**
     * The status as a record for JSON: Jackson writes its components in order, as {@code upsilon migrate status
     * --json} prints them.
     *
     * @param spec         where the spec came from (a file name), or null
     * @param captureMode  {@code log} or {@code watermark}
     * @param reason       {@link CaptureStatus#reason()}
     * @param slot         the slot's name, or null in watermark mode
     * @param slotExists   whether the slot exists
     * @param active       whether a migrator reads it now
     * @param confirmedLsn its confirmed position, or null
     * @param lagBytes     the WAL it keeps, or null without a slot
     * @param lagChanges   the changes waiting in that WAL, or null when unknown
     * @param ageSeconds   its age, or null when unknown
     * @param tooOld       whether it is older than the limit
     */
    public record View(String spec, String captureMode, String reason, String slot, boolean slotExists,
                       boolean active, String confirmedLsn, Long lagBytes, Long lagChanges, Long ageSeconds,
                       boolean tooOld) {
    }

    /** This status as a record for JSON; {@code spec} is where the spec came from, or null. */
    public View view(String spec) {
        return new View(spec, mode.name().toLowerCase(Locale.ROOT), reason, slot, slotExists, active, confirmed,
                slotExists ? lagBytes : null, lagChanges, age == null ? null : age.toSeconds(), tooOld);
    }
}
