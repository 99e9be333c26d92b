package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link CaptureStatus#describe()}: the lines {@code migrate status} prints, for any operator's log. */
class CaptureStatusTest {

    @Test
    void watermarkModeIsItsReasonAlone() {
        assertThat(new CaptureStatus(CaptureMode.WATERMARK, "capture: watermark (wal_level is replica)", null, false,
                false, null, 0, null, null, false).describe()).containsExactly("capture: watermark (wal_level is"
                + " replica)");
    }

    @Test
    void logModeAddsTheSlotsLine() {
        assertThat(new CaptureStatus(CaptureMode.LOG, "capture: log (slot upsilon_1)", "upsilon_1", false, false,
                null, 0, null, null, false).describe()).containsExactly("capture: log (slot upsilon_1)",
                "Slot upsilon_1: none (made by the next 'migrate run' or 'migrate continuous')");
        assertThat(new CaptureStatus(CaptureMode.LOG, "capture: log (slot upsilon_1)", "upsilon_1", true, true,
                "0/16B3748", 1024, 1L, Duration.ofMillis(2_000), false).describe()).last().isEqualTo("Slot upsilon_1"
                + " (read by a migrator now): confirmed at 0/16B3748, lag 1024 bytes of WAL, 1 change, made 2.0 s ago");
        assertThat(new CaptureStatus(CaptureMode.LOG, "r", "upsilon_1", true, false, "0/1", 0, null, null, false)
                .describe()).last().isEqualTo("Slot upsilon_1: confirmed at 0/1, lag 0 bytes of WAL");
    }

    @Test
    void anOldSlotIsWarnedAboutNamingHowToDropIt() {
        CaptureStatus old = new CaptureStatus(CaptureMode.LOG, "r", "upsilon_1", true, false, "0/1", 0, null,
                Duration.ofHours(30), true);
        assertThat(old.warning(Duration.ofHours(24), term -> term == MigrationNames.Term.FINISH
                ? "'upsilon migrate finish'" : term.defaultName())).hasValue("Warning: the slot is older than 24 h"
                + " and keeps the source's WAL on disk; cut over and run 'upsilon migrate finish', or"
                + " Migrator.abort().");
        assertThat(new CaptureStatus(CaptureMode.LOG, "r", "upsilon_1", true, false, "0/1", 0, null,
                Duration.ofHours(1), false).warning(Duration.ofHours(24), MigrationNames.DEFAULT)).isEmpty();
        assertThat(old.view(null).ageSeconds()).isEqualTo(30 * 3600L);
        assertThat(old.view(null).lagBytes()).isZero();
    }
}
