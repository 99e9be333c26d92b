package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.testsupport.JavaProcess;
import io.upsilon.testsupport.Seeds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The migrator ({@link CaptureMain}, its own process) killed with {@code kill -9} ten times at random points (seeded,
 * the seed printed): four times during the snapshot copy, six times while it reads the slot, with a writer inserting,
 * updating and deleting on the source all along. Then one more run resumes from the slot's confirmed position:
 * 0 rows lost, 0 duplicated, 0 different.
 */
@ExtendWith(Seeds.Report.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class KilledCaptureIT {

    @TempDir
    Path dir;

    @Test
    void killedTenTimesDuringCopyAndCaptureThenResumedLosesDoublesAndChangesNothing() throws Exception {
        long seed = Seeds.seed();
        System.out.println("KilledCaptureIT seed " + seed);
        Random random = new Random(seed);
        MigrationFixture db = MigrationFixture.logical(30_000);
        Path spec = db.spec(dir, 500);
        SourceTraffic traffic = new SourceTraffic(db.old, 30_000, seed, Duration.ZERO);
        for (int kill = 1; kill <= 10; kill++) {
            boolean duringCopy = kill <= 4;
            try (JavaProcess migrating = JavaProcess.start(CaptureMain.class, spec.toString())) {
                if (duringCopy) {
                    for (int ranges = 1 + random.nextInt(5); ranges > 0; ranges--) {
                        assertThat(migrating.awaitLine("PROGRESS", Duration.ofSeconds(60)))
                                .as("seed %d: %s", seed, migrating.output()).isPresent();
                    }
                } else {
                    assertThat(migrating.awaitLine("CAUGHT-UP", Duration.ofSeconds(90)))
                            .as("seed %d: %s", seed, migrating.output()).isPresent();
                    Thread.sleep(random.nextInt(3_000)); // starting the reader, or applying a batch
                }
                migrating.kill9();
            }
            System.out.printf("seed %d: kill %d %s%n", seed, kill, duringCopy ? "during the copy" : "during capture");
        }
        traffic.stop();

        Migrator migrator = db.migrator(spec);
        RunReport resumed = migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none());
        assertThat(resumed.entities().get(0).started()).isEqualTo("log");
        VerifyReport verify = migrator.verify(10);
        assertThat(verify.matches()).as("seed %d: %s", seed, verify).isTrue();
        String fingerprint = "SELECT count(*) || ':' || count(DISTINCT id) FROM transfers";
        assertThat(db.neu.queryOne(fingerprint)).as("seed %d", seed).isEqualTo(db.old.queryOne(fingerprint));
        System.out.printf("seed %d: %d writes during ten kills; target matches%n", seed, traffic.writes());
        migrator.finish();
    }
}
