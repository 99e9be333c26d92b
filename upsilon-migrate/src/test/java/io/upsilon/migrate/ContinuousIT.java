package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Continuous mode while the old cluster keeps taking inserts, updates and deletes: catch-up runs until the lag is
 * small, the window stops the writers, a final catch-up and verification, and the new cluster matches.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ContinuousIT {

    @TempDir
    Path dir;

    @Test
    void catchesUpUnderConcurrentWritesThenCutsOverCleanly() throws Exception {
        MigrationFixture db = new MigrationFixture(30_000);
        Migrator migrator = db.migrator(db.spec(dir, 2_000));
        AtomicBoolean windowOpen = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        Thread writer = new Thread(() -> MigrationFixture.writeTransfers(db.old, windowOpen, writes, 7, 30_000, 2),
                "old-cluster-traffic"); // until the window opens
        writer.start();
        Thread.sleep(300);

        CutoverHook gate = new CutoverHook() {
            @Override
            public void enterWindow() {
                windowOpen.set(true); // the application's gate holds new work from here on
                try {
                    writer.join(10_000); // in-flight work finishes during the window
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }

            @Override
            public void openNew() {
                windowOpen.set(false); // only to see the cut-over get here: the writers stay stopped
            }
        };
        CutoverReport report = migrator.continuous(1_500, 50, Duration.ofMillis(200), gate, MigrationListener.none(), 10);

        assertThat(writer.isAlive()).isFalse();
        assertThat(writes.get()).isGreaterThan(100);
        assertThat(report.catchUps()).isNotEmpty();
        assertThat(report.catchUps().get(0).entities().get(0).rowsRead()).isGreaterThanOrEqualTo(30_000);
        assertThat(report.verify().matches()).as("%s", report.verify()).isTrue();
        assertThat(report.cutOver()).isTrue();
        assertThat(windowOpen.get()).isFalse();
        System.out.printf("%d writes during the migration; %d catch-up runs; final catch-up %d rows; window held %d ms%n",
                writes.get(), report.catchUps().size(), report.finalRun().entities().get(0).rowsRead(),
                report.windowHeld().toMillis());
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers"))
                .isEqualTo(db.old.queryOne("SELECT count(*) FROM transfers"));
    }

}
