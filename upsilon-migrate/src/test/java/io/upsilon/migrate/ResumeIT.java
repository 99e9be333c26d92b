package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.testsupport.Seeds;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A migrating process killed with {@code kill -9} at random points, three times, then resumed: nothing lost or doubled. */
@ExtendWith(Seeds.Report.class)
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ResumeIT {

    @TempDir
    Path dir;

    @Test
    void killedThreeTimesThenResumedLosesAndDuplicatesNothing() throws Exception {
        MigrationFixture db = new MigrationFixture(100_000);
        Path spec = db.spec(dir, 2_000);
        KilledRuns.killThreeTimes(spec, db.neu, "transfers", 100_000, 40);
        Migrator migrator = db.migrator(spec);
        RunReport.Entity resumed = migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none())
                .entities().get(0);
        assertThat(resumed.started()).isEqualTo("start"); // the first copy's ranges not yet written
        assertThat(resumed.rowsRead()).isLessThan(100_000);

        VerifyReport verify = migrator.verify(10);
        assertThat(verify.matches()).as("%s", verify).isTrue();
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(100_000L);
        assertThat(db.neu.queryOne("SELECT count(DISTINCT id) FROM transfers")).isEqualTo(100_000L);
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfer_fees")).isEqualTo(100_000L);
    }
}
