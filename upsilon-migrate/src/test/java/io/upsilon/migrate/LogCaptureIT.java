package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Log capture on a source with {@code wal_level=logical} and no index on (update time, key): the first run copies one
 * snapshot and makes the slot; later runs apply the log's inserts, updates and deletes (transformed, merges
 * included); status shows the slot; finish drops it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LogCaptureIT {

    @TempDir
    Path dir;

    @Test
    void snapshotThenLogCarriesInsertsUpdatesDeletesAndLookedUpRows() throws Exception {
        MigrationFixture db = MigrationFixture.logical(20_000);
        Migrator migrator = db.migrator(db.spec(dir, 1_000));
        List<String> notices = new ArrayList<>();
        MigrationListener listener = new MigrationListener() {
            @Override
            public void progress(String entity, long rows, String updatedAt) {
            }

            @Override
            public void notice(String line) {
                notices.add(line);
            }
        };

        RunReport first = migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, listener);
        assertThat(notices).containsExactly("capture: log (slot " + migrator.slotName() + ")");
        assertThat(first.entities().get(0).started()).isEqualTo("start");
        assertThat(first.entities().get(0).rowsRead()).isEqualTo(20_000);
        assertThat(migrator.verify(10).matches()).isTrue();

        db.old.execute("INSERT INTO transfers SELECT g, 7, 1, 'q3', 'A', 'x', now() FROM generate_series(20001, 20100) g");
        db.old.execute("UPDATE transfers SET amount = amount + 1, updated_at = now() WHERE id % 400 = 0");
        db.old.execute("DELETE FROM transfers WHERE id % 700 = 1");
        db.old.execute("UPDATE quotes SET amount = amount * 2 WHERE id = 'q3'"); // merged into the transfers citing it
        CaptureStatus waiting = migrator.status();
        for (int i = 0; i < 100 && !Long.valueOf(180).equals(waiting.lagChanges()); i++) {
            Thread.sleep(100); // the test server commits asynchronously: the slot is read up to the flushed WAL
            waiting = migrator.status();
        }
        assertThat(waiting.mode()).isEqualTo(CaptureMode.LOG);
        assertThat(waiting.slotExists()).isTrue();
        assertThat(waiting.lagBytes()).isPositive();
        assertThat(waiting.lagChanges()).as("%s", waiting).isEqualTo(100L + 50 + 29 + 1);

        RunReport second = migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, listener);
        assertThat(second.entities().get(0).started()).isEqualTo("log");
        VerifyReport verify = migrator.verify(10);
        assertThat(verify.matches()).as("%s", verify).isTrue();
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(db.old.queryOne(
                "SELECT count(*) FROM transfers"));

        assertThat(migrator.finish()).isTrue();
        assertThat(migrator.status().slotExists()).isFalse();
        assertThat(db.old.queryOne("SELECT count(*) FROM pg_publication")).isEqualTo(0L);
    }
}
