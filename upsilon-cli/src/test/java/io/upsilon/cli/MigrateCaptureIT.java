package io.upsilon.cli;

import static io.upsilon.cli.MigrateIT.migrate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Log capture from the command line: run makes the slot, status shows it, run catches up from it, finish drops it. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MigrateCaptureIT {

    @TempDir
    Path dir;

    @Test
    void runStatusRunFinishThroughTheSlotsLifecycle() throws Exception {
        MigrationDatabases db = MigrationDatabases.logical(2_000);
        String spec = db.spec(dir, 500).toString();

        Cli.Run first = migrate("run", "--spec", spec, "--jobs", "2");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("capture: log (slot upsilon_", "transfers  start");
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(2_000L);

        db.old.execute("UPDATE transfers SET state = 'C' WHERE id <= 10; DELETE FROM transfers WHERE id = 11");
        JsonNode status = migrate("status", "--spec", spec, "--json").json();
        assertThat(status.get("captureMode").asText()).isEqualTo("log");
        assertThat(status.get("slotExists").asBoolean()).isTrue();
        assertThat(status.get("lagBytes").asLong()).isPositive();
        assertThat(status.get("tooOld").asBoolean()).isFalse();
        Cli.Run text = migrate("status", "--spec", spec, "--slot-age-limit", "0");
        assertThat(text.out()).contains("capture: log", "bytes of WAL", "Warning: the slot is older than 0 h");

        Cli.Run again = migrate("run", "--spec", spec, "--json");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.json().get("captureMode").asText()).isEqualTo("log");
        assertThat(again.json().at("/entities/0/started").asText()).isEqualTo("log");
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers WHERE state = 'CLOSED' AND id <= 10"))
                .isEqualTo(10L);
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers WHERE id = 11")).isEqualTo(0L);

        Cli.Run finish = migrate("finish", "--spec", spec);
        assertThat(finish.exitCode()).as(finish.toString()).isZero();
        assertThat(finish.out()).contains("Dropped replication slot and publication upsilon_");
        assertThat(db.old.queryOne("SELECT count(*) FROM pg_replication_slots")).isEqualTo(0L);
        assertThat(migrate("abort", "--spec", spec).out()).contains("nothing to drop");
    }

    @Test
    void jobsOutOfRangeIsBadInput() throws Exception {
        MigrationDatabases db = new MigrationDatabases(10);
        Cli.Run run = migrate("run", "--spec", db.spec(dir, 5).toString(), "--jobs", "0");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("jobs must be between 1 and 16, got 0");
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(0L);
    }
}
