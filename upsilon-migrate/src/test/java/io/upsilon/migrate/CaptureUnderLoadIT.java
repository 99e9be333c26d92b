package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.testsupport.Seeds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log capture under load: a writer inserts, updates and deletes (and changes looked-up quotes) the whole time, and a
 * transaction holds rows stamped at its start for 3x the overlap; continuous mode copies the snapshot, catches up
 * from the slot, opens the window, drains, verifies only the changed keys, and the target then matches the source
 * row for row.
 */
@ExtendWith(Seeds.Report.class)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class CaptureUnderLoadIT {

    @TempDir
    Path dir;

    @Test
    void targetMatchesSourceRowForRowAfterCutOverWhileWritesNeverStopped() throws Exception {
        long seed = Seeds.seed();
        System.out.println("CaptureUnderLoadIT seed " + seed);
        MigrationFixture db = MigrationFixture.logical(20_000);
        Migrator migrator = db.migrator(db.spec(dir, 1_000)); // overlap 2s
        SourceTraffic traffic = new SourceTraffic(db.old, 20_000, seed, Duration.ofSeconds(6));
        Thread.sleep(300); // the long transaction is open before the snapshot
        CutoverHook gate = new CutoverHook() {
            @Override
            public void enterWindow() {
                try {
                    traffic.stop(); // the gate holds new work; in-flight work (the long transaction) finishes
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        CutoverReport report = migrator.continuous(1_000, 200, Duration.ofMillis(300), gate,
                MigrationListener.none(), 10);

        assertThat(traffic.writes()).as("seed %d", seed).isGreaterThan(100);
        assertThat(report.verify().matches()).as("seed %d: %s", seed, report.verify()).isTrue();
        assertThat(report.cutOver()).isTrue();
        assertThat(report.verify().tables().get(0).expected()).as("the window verified only the changed keys")
                .isLessThan(20_000);
        VerifyReport full = migrator.verify(10);
        assertThat(full.matches()).as("seed %d: %s", seed, full).isTrue();
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers WHERE id >= 2000000")).isEqualTo(100L);
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers"))
                .isEqualTo(db.old.queryOne("SELECT count(*) FROM transfers"));
        System.out.printf("seed %d: %d writes; %d catch-ups; window held %d ms; verified %d keys in it%n", seed,
                traffic.writes(), report.catchUps().size(), report.windowHeld().toMillis(),
                report.verify().tables().stream().mapToLong(VerifyReport.Table::expected).sum());
        migrator.finish();
    }
}
