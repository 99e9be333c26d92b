package io.upsilon.cli;

import static io.upsilon.cli.MigrateIT.migrate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsilon.NodeState;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.spi.MaintenanceStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code migrate continuous} on a quiet source: catch-up runs until the lag is small, the cut-over by hand or in the
 * old cluster's maintenance window, and what happens when it cannot finish.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MigrateContinuousIT {

    @TempDir
    Path dir;

    @Test
    void manualCutOverOnAQuietSource() throws Exception {
        MigrationDatabases db = new MigrationDatabases(2_000);
        String spec = db.spec(dir, 500).toString();

        Cli.Run run = migrate("continuous", "--spec", spec, "--cutover", "manual", "--pause", "0",
                "--max-lag-rows", "500");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Catch-up runs:", "  1    transfers  start       2000",
                "  2    transfers  checkpoint", "Final catch-up (deletes propagated):", "0 deleted", "Verification:",
                "Cut over: the target matches.", "no window was opened (--cutover manual)");
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(2_000L);
        assertThat(db.old.queryOne("SELECT to_regclass('upsilon_maintenance') IS NULL"))
                .as("manual never touches the old cluster's Upsilon tables").isEqualTo(true);
    }

    @Test
    void maintenanceCutOverOpensTheWindowAndRetiresTheOldClusterAfterACleanVerification() throws Exception {
        MigrationDatabases db = new MigrationDatabases(2_000);
        String spec = db.spec(dir, 500).toString();

        Cli.Run run = migrate("continuous", "--spec", spec, "--pause", "0", "--max-lag-rows", "500", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("cutover").asText()).isEqualTo("maintenance");
        assertThat(json.get("cutOver").asBoolean()).isTrue();
        assertThat(json.get("catchUps")).hasSize(2);
        assertThat(json.at("/catchUps/0/entities/0/rowsRead").asLong()).isEqualTo(2_000);
        assertThat(json.at("/catchUps/1/entities/0/rowsRead").asLong()).isLessThanOrEqualTo(500);
        assertThat(json.at("/finalRun/entities/0/deletesFound").asLong()).isZero();
        assertThat(json.at("/verify/matches").asBoolean()).isTrue();
        assertThat(json.get("windowHeldMillis").asLong()).isPositive();
        assertThat(json.get("drainMillis").isNumber()).isTrue();
        assertThat(json.get("windowOpen").asBoolean()).isTrue();
        assertThat(json.get("trafficOn").asText()).isEqualTo("new");
        assertThat(json.get("error").isNull()).isTrue();
        assertThat(db.old.queryOne("SELECT to_regclass('upsilon_maintenance') IS NOT NULL"))
                .as("the window was opened on the source database").isEqualTo(true);
        assertThat(PostgresBackend.create(db.old.dataSource()).maintenance().current())
                .as("and stays open: the old cluster is retired").hasValueSatisfying(w -> {
                    assertThat(w.moved()).isTrue();
                    assertThat(w.location()).isNull();
                });
        assertThat(PostgresBackend.create(db.neu.dataSource()).maintenance().current())
                .as("the new cluster's window was closed at the end").isEmpty();
    }

    @Test
    void aMismatchLeavesTheWindowOpenAndRunningAgainFinishesInIt() throws Exception {
        MigrationDatabases db = new MigrationDatabases(1_000);
        String spec = db.spec(dir, 500).toString();
        assertThat(migrate("run", "--spec", spec).exitCode()).isZero();
        // an old row the catch-ups never read again: only verification sees it
        db.neu.execute("UPDATE transfers SET currency = 'USD' WHERE id = 77");
        MaintenanceStore window = PostgresBackend.create(db.old.dataSource()).maintenance();

        Cli.Run failed = migrate("continuous", "--spec", spec, "--pause", "0");

        assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(1);
        assertThat(failed.out()).contains("Window open, drained in", "transfers: different 77",
                "Not cut over", "stays open");
        assertThat(failed.err().lines()).hasSize(1);
        assertThat(failed.err()).startsWith("upsilon: verification after the final catch-up failed: 1 mismatching"
                + " key in transfers (1 key)").contains("stays open",
                "'upsilon maintenance exit --url " + db.old.jdbcUrl());
        assertThat(window.current()).hasValueSatisfying(w -> assertThat(w.who()).isEqualTo("upsilon migrate"));

        assertThat(migrate("run", "--spec", spec, "--since", "2026-01-01 00:00:00+00").exitCode()).isZero();
        Cli.Run again = migrate("continuous", "--spec", spec, "--pause", "0");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("an earlier 'upsilon migrate continuous' opened is still open",
                "Cut over: the target matches.", "The old cluster stays retired", "exit --yes");
        assertThat(window.current()).hasValueSatisfying(w -> assertThat(w.moved()).isTrue());
    }

    @Test
    void aWindowSomeoneElseOpenedIsLeftAlone() throws Exception {
        MigrationDatabases db = new MigrationDatabases(100);
        String spec = db.spec(dir, 50).toString();
        MaintenanceStore window = PostgresBackend.create(db.old.dataSource()).maintenance();
        window.enter("schema change", "alice");

        Cli.Run run = migrate("continuous", "--spec", spec, "--pause", "0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).contains("already open", "alice", "--cutover manual");
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(0L);
        assertThat(window.current()).hasValueSatisfying(w -> assertThat(w.who()).isEqualTo("alice"));
    }

    @Test
    void aBusyNodeThatDoesNotDrainFailsTheCutOverWithTheWindowOpen() throws Exception {
        MigrationDatabases db = new MigrationDatabases(100);
        String spec = db.spec(dir, 50).toString();
        PostgresBackend oldCluster = PostgresBackend.create(db.old.dataSource());
        oldCluster.nodes().register("web-1", "host-a", Version.parse("1.0"), NodeState.READY, Duration.ofMinutes(1));
        oldCluster.nodes().heartbeat("web-1", NodeState.READY, 3);

        Cli.Run run = migrate("continuous", "--spec", spec, "--pause", "0", "--drain-timeout", "1");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).contains("web-1", "still open", "'upsilon maintenance exit --url " + db.old.jdbcUrl());
        assertThat(oldCluster.maintenance().current()).isPresent();
    }

    @Test
    void aLagThatDoesNotFallGivesUpWithoutOpeningTheWindow() throws Exception {
        MigrationDatabases db = new MigrationDatabases(100);
        String spec = db.spec(dir, 50).toString();

        // the first run copies 100 new rows, more than the lag allowed, and it may run only once
        Cli.Run run = migrate("continuous", "--spec", spec, "--pause", "0", "--max-lag-rows", "10", "--max-runs", "1",
                "--json");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.json().get("cutOver").asBoolean()).isFalse();
        assertThat(run.json().get("catchUps")).hasSize(1);
        assertThat(run.json().get("finalRun").isNull()).isTrue();
        assertThat(run.json().at("/error/code").asText()).isEqualTo("LAG_TOO_HIGH");
        assertThat(run.err()).contains("did not fall to --max-lag-rows 10 within --max-runs 1", "no window was opened");
        assertThat(PostgresBackend.create(db.old.dataSource()).maintenance().current()).isEmpty();
    }

    @Test
    void drainTimeoutOnlyAppliesToTheMaintenanceCutOver() throws Exception {
        Cli.Run run = migrate("continuous", "--spec", "x.yaml", "--cutover", "manual", "--drain-timeout", "5");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--drain-timeout only applies to --cutover maintenance");
    }
}
