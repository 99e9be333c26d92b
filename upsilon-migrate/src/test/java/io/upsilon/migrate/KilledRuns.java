package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.testsupport.JavaProcess;
import io.upsilon.testsupport.Seeds;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;

/**
 * The migrator as its own process ({@link MigrateMain}), killed with {@code kill -9} three times somewhere inside a
 * range of its first (snapshot) copy after a random number of committed ones. After each kill: the rows of the
 * ranges checkpointed so far grew past the previous run's, stay below the table's size, and the target holds no row
 * beyond them (each range commits with its checkpoint).
 */
final class KilledRuns {

    private KilledRuns() {
    }

    static void killThreeTimes(Path spec, TestDatabase target, String table, long rows, int maxSleepMillis)
            throws Exception {
        long seed = Seeds.seed();
        System.out.println("KilledRuns seed " + seed);
        Random random = new Random(seed);
        long previous = 0;
        for (int kill = 1; kill <= 3; kill++) {
            try (JavaProcess migrating = JavaProcess.start(MigrateMain.class, spec.toString())) {
                int batches = 2 + random.nextInt(6);
                for (int b = 0; b < batches; b++) {
                    assertThat(migrating.awaitLine("PROGRESS", Duration.ofSeconds(60))).as(migrating.output())
                            .isPresent();
                }
                Thread.sleep(random.nextInt(maxSleepMillis)); // somewhere inside the next batch
                migrating.kill9();
            }
            long copied = ((Number) target.queryOne("SELECT coalesce(sum(rows_written), 0) FROM"
                    + " upsilon_migration_checkpoint WHERE entity LIKE '%/snapshot/%'")).longValue();
            assertThat(copied).as("seed %d: each run resumes past the last one's ranges", seed).isGreaterThan(previous)
                    .isLessThan(rows);
            assertThat((Long) target.queryOne("SELECT count(*) FROM " + table))
                    .as("rows commit with their checkpoint, never ahead of it").isLessThanOrEqualTo(copied);
            System.out.printf("kill %d: checkpoint at %d rows%n", kill, copied);
            previous = copied;
        }
    }
}
