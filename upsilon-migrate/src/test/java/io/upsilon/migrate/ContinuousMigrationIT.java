package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.NodeState;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ContinuousMigration}: the whole {@code migrate continuous} in one call, against two PostgreSQL clusters and
 * their real maintenance tables.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ContinuousMigrationIT {

    @TempDir
    Path dir;

    @Test
    void aManualCutOverTouchesNoWindowAndSaysWhatItDid() throws Exception {
        MigrationFixture db = new MigrationFixture(1_000);
        List<String> steps = new CopyOnWriteArrayList<>();

        List<String> lines = new CopyOnWriteArrayList<>();
        ContinuousMigration migration = ContinuousMigration.builder(db.migrator(db.spec(dir, 500)))
                .maxLagRows(500).pause(Duration.ZERO).trafficSwitch(() -> steps.add("switched"))
                .listener(recorder(steps)).narrate(lines::add).build();
        ContinuousMigration.Report report = migration.run();

        assertThat(report.outcome()).isEqualTo(ContinuousMigration.Outcome.CUT_OVER);
        assertThat(report.error()).isEmpty();
        assertThat(report.captureMode()).isEqualTo(CaptureMode.WATERMARK);
        assertThat(report.cutover().catchUps()).hasSize(2);
        assertThat(report.entered()).isTrue();
        assertThat(report.drained()).as("no window, no drain").isEmpty();
        assertThat(report.switched()).isTrue();
        assertThat(report.retired()).isFalse();
        assertThat(report.windowOpen()).isEmpty();
        assertThat(steps).as("the capture mode is said once, first").containsExactly("capture", "entering", "entered",
                "switching", "switched");
        assertThat(lines).containsExactly("Caught up (a run read at most 500 rows): final catch-up and verification"
                + " (manual cut-over: no window)...", "Verified: running the traffic switch...");
        assertThat(migration.summary(report)).startsWith("Cut over: the target matches. Final catch-up and"
                + " verification took ").endsWith("the traffic switch pointed the traffic at the new cluster.");
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(1_000L);
        assertThat(db.old.queryOne("SELECT to_regclass('upsilon_maintenance') IS NULL")).isEqualTo(true);
    }

    @Test
    void aMaintenanceCutOverRetiresTheOldClusterAndOpensTheNewOne() throws Exception {
        MigrationFixture db = new MigrationFixture(1_000);
        PostgresBackend old = PostgresBackend.create(db.old.dataSource());
        PostgresBackend neu = PostgresBackend.create(db.neu.dataSource());

        ContinuousMigration.Report report = ContinuousMigration.builder(db.migrator(db.spec(dir, 500)))
                .maxLagRows(500).pause(Duration.ZERO).maintenance(old.maintenance(), old.nodes())
                .newCluster(neu.maintenance()).newLocation("https://b.example").build().run();

        assertThat(report.outcome()).isEqualTo(ContinuousMigration.Outcome.CUT_OVER);
        assertThat(report.drained()).isPresent();
        assertThat(report.retired()).isTrue();
        assertThat(report.windowOpen()).as("the retired cluster's window stays open").contains(true);
        assertThat(report.resumed()).isEmpty();
        assertThat(old.maintenance().current()).hasValueSatisfying(w -> {
            assertThat(w.moved()).isTrue();
            assertThat(w.location()).isEqualTo("https://b.example");
        });
        assertThat(neu.maintenance().current()).isEmpty();

        assertThatThrownBy(() -> ContinuousMigration.builder(db.migrator(db.spec(dir, 500))).pause(Duration.ZERO)
                .maintenance(old.maintenance(), old.nodes()).build().run())
                .as("a retired cluster has nothing left to cut over")
                .isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
                    assertThat(e.getMessage()).contains("retired by an earlier cut-over", "https://b.example");
                });
    }

    @Test
    void aMismatchKeepsTheWindowOpenAndTheNextRunContinuesInIt() throws Exception {
        MigrationFixture db = new MigrationFixture(1_000);
        Path spec = db.spec(dir, 500);
        db.migrator(spec).run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none());
        // an old row the catch-ups never read again: only the verification sees it
        db.neu.execute("UPDATE transfers SET currency = 'USD' WHERE id = 77");
        PostgresBackend old = PostgresBackend.create(db.old.dataSource());

        ContinuousMigration.Report failed = ContinuousMigration.builder(db.migrator(spec)).pause(Duration.ZERO)
                .maintenance(old.maintenance(), old.nodes()).build().run();

        assertThat(failed.outcome()).isEqualTo(ContinuousMigration.Outcome.VERIFY_MISMATCH);
        assertThat(failed.error()).contains(ErrorCode.VERIFY_MISMATCH);
        assertThat(failed.switched()).isFalse();
        assertThat(failed.windowOpen()).contains(true);
        assertThat(old.maintenance().current()).hasValueSatisfying(w -> assertThat(MaintenanceCutover.ownWindow(w))
                .isTrue());

        db.migrator(spec).run(Optional.of("2026-01-01 00:00:00+00"), Migrator.Deletes.IGNORE,
                MigrationListener.none());
        List<String> steps = new CopyOnWriteArrayList<>();
        ContinuousMigration.Report again = ContinuousMigration.builder(db.migrator(spec)).pause(Duration.ZERO)
                .maintenance(old.maintenance(), old.nodes()).listener(recorder(steps)).build().run();

        assertThat(again.outcome()).isEqualTo(ContinuousMigration.Outcome.CUT_OVER);
        assertThat(again.resumed()).isPresent();
        assertThat(steps).first().isEqualTo("continuing");
        assertThat(steps).contains("capture");
    }

    @Test
    void aWindowSomeoneElseOpenedIsRefusedBeforeAnythingIsCopied() throws Exception {
        MigrationFixture db = new MigrationFixture(100);
        PostgresBackend old = PostgresBackend.create(db.old.dataSource());
        old.maintenance().enter("schema change", "alice");

        assertThatThrownBy(() -> ContinuousMigration.builder(db.migrator(db.spec(dir, 50))).pause(Duration.ZERO)
                .maintenance(old.maintenance(), old.nodes()).build().run())
                .isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
                    assertThat(e.getMessage()).contains("already open", "alice", "schema change");
                });
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(0L);
        assertThat(old.maintenance().current()).hasValueSatisfying(w -> assertThat(w.who()).isEqualTo("alice"));
    }

    @Test
    void aNodeThatDoesNotDrainFailsWithTheWindowOpenAndSaysSo() throws Exception {
        MigrationFixture db = new MigrationFixture(100);
        PostgresBackend old = PostgresBackend.create(db.old.dataSource());
        old.nodes().register("web-1", "host-a", Version.parse("1.0"), NodeState.READY, Duration.ofMinutes(1));
        old.nodes().heartbeat("web-1", NodeState.READY, 3);

        assertThatThrownBy(() -> ContinuousMigration.builder(db.migrator(db.spec(dir, 50))).pause(Duration.ZERO)
                .maintenance(old.maintenance(), old.nodes()).drain(Duration.ofMillis(300)).build().run())
                .isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.MAINTENANCE);
                    assertThat(e.getMessage()).contains("web-1", "still open");
                });
        assertThat(old.maintenance().current()).isPresent();
    }

    @Test
    void aLagThatDoesNotFallGivesUpWithoutAWindow() throws Exception {
        MigrationFixture db = new MigrationFixture(100);
        PostgresBackend old = PostgresBackend.create(db.old.dataSource());

        ContinuousMigration.Report report = ContinuousMigration.builder(db.migrator(db.spec(dir, 50)))
                .maxLagRows(10).maxRuns(1).pause(Duration.ZERO).maintenance(old.maintenance(), old.nodes())
                .build().run();

        assertThat(report.outcome()).isEqualTo(ContinuousMigration.Outcome.LAG_TOO_HIGH);
        assertThat(report.error()).contains(ErrorCode.LAG_TOO_HIGH);
        assertThat(report.entered()).isFalse();
        assertThat(report.cutover().finalRun()).isNull();
        assertThat(report.windowOpen()).contains(false);
    }

    @Test
    void optionsOutOfRangeOrWithoutTheirWindowAreBadInput() throws Exception {
        MigrationFixture db = new MigrationFixture(10);
        Migrator migrator = db.migrator(db.spec(dir, 50));
        for (ContinuousMigration.Builder bad : List.of(
                ContinuousMigration.builder(migrator).maxLagRows(-1),
                ContinuousMigration.builder(migrator).maxRuns(0),
                ContinuousMigration.builder(migrator).pause(Duration.ofHours(2)),
                ContinuousMigration.builder(migrator).maxKeys(100_001),
                ContinuousMigration.builder(migrator).newLocation("https://b.example"))) {
            assertThatThrownBy(bad::build).isInstanceOfSatisfying(UpsilonException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT));
        }
    }

    private static ContinuousMigration.Listener recorder(List<String> steps) {
        return new ContinuousMigration.Listener() {
            @Override
            public void notice(String line) {
                steps.add(line.startsWith("capture: ") ? "capture" : line);
            }

            @Override
            public void continuing(io.upsilon.spi.MaintenanceWindow window) {
                steps.add("continuing");
            }

            @Override
            public void enteringWindow() {
                steps.add("entering");
            }

            @Override
            public void windowEntered(Optional<Duration> drained) {
                steps.add("entered");
            }

            @Override
            public void switchingTraffic() {
                steps.add("switching");
            }
        };
    }
}
