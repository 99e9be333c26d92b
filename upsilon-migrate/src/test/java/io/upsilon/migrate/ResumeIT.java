package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.testsupport.JavaProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A migrating process killed with {@code kill -9} at random points, three times, then resumed: nothing lost or doubled. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ResumeIT {

    @TempDir
    Path dir;

    @Test
    void killedThreeTimesThenResumedLosesAndDuplicatesNothing() throws Exception {
        MigrationFixture db = new MigrationFixture(100_000);
        Path spec = db.spec(dir, 2_000);
        Random random = new Random();
        long previous = 0;
        for (int kill = 1; kill <= 3; kill++) {
            try (JavaProcess migrating = JavaProcess.start(MigrateMain.class, spec.toString())) {
                int batches = 2 + random.nextInt(6);
                for (int b = 0; b < batches; b++) {
                    assertThat(migrating.awaitLine("PROGRESS", Duration.ofSeconds(60))).as(migrating.output())
                            .isPresent();
                }
                Thread.sleep(random.nextInt(40)); // somewhere inside the next batch
                migrating.kill9();
            }
            long copied = (Long) db.neu.queryOne("SELECT rows_written FROM upsilon_migration_checkpoint");
            assertThat(copied).as("each run resumes past the last one's checkpoint").isGreaterThan(previous);
            assertThat((Long) db.neu.queryOne("SELECT count(*) FROM transfers")).isLessThanOrEqualTo(copied);
            System.out.printf("kill %d: checkpoint at %d rows%n", kill, copied);
            previous = copied;
        }
        Migrator migrator = db.migrator(spec);
        RunReport.Entity resumed = migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none())
                .entities().get(0);
        assertThat(resumed.started()).isEqualTo("checkpoint");
        assertThat(resumed.rowsRead()).isLessThan(100_000);

        VerifyReport verify = migrator.verify(10);
        assertThat(verify.matches()).as("%s", verify).isTrue();
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(100_000L);
        assertThat(db.neu.queryOne("SELECT count(DISTINCT id) FROM transfers")).isEqualTo(100_000L);
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfer_fees")).isEqualTo(100_000L);
    }
}
