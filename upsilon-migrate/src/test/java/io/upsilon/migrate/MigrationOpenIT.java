package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Migration}: a spec opened with its stores and migrator, and closed with them. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MigrationOpenIT {

    @TempDir
    Path dir;

    @Test
    void opensTheStoresRunsAndNamesThemWithoutCredentials() throws Exception {
        MigrationFixture db = new MigrationFixture(200);
        MigrationSpec spec = MigrationSpec.load(db.spec(dir, 100));

        try (Migration migration = Migration.open(spec, Map.of(), getClass().getClassLoader(),
                Migrator.Options.defaults())) {
            assertThat(migration.migrator().plan(Optional.empty(), Migrator.Deletes.IGNORE)).isEqualTo("Migrating 1"
                    + " entity from " + migration.sourceName() + " to " + migration.targetName() + ", each from its"
                    + " checkpoint (or the start) (deletes: ignore)...");
            assertThat(migration.migrator().verifyPlan()).isEqualTo("Verifying 1 entity: the transformed source "
                    + migration.sourceName() + " against the target " + migration.targetName() + "...");
            RunReport run = migration.migrator().run(Optional.empty(), Migrator.Deletes.IGNORE,
                    MigrationListener.none());
            assertThat(run.entities().get(0).rowsRead()).isEqualTo(200);
            Migration.RunView view = migration.view(run, "m.yaml", Optional.empty(), Migrator.Deletes.IGNORE,
                    Duration.ofMillis(5));
            assertThat(view).extracting(Migration.RunView::spec, Migration.RunView::source, Migration.RunView::since,
                    Migration.RunView::deletes, Migration.RunView::tookMillis)
                    .containsExactly("m.yaml", migration.sourceName(), null, "ignore", 5L);
            assertThat(view.captureMode()).isIn("log", "watermark");
            assertThat(view.entities()).isEqualTo(run.view(Migrator.Deletes.IGNORE).entities());
            assertThat(migration.sourceName()).isEqualTo(db.old.jdbcUrl().split("\\?")[0]);
            assertThat(migration.spec()).isSameAs(spec);
            assertThat(migration.sourceBackend("public").maintenance().current())
                    .as("the old cluster's Upsilon tables, in the source database").isEmpty();
            assertThat(migration.targetBackend("public")).hasValueSatisfying(b -> assertThat(b.nodes().nodes())
                    .isEmpty());
        }
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(200L);
    }

    @Test
    void aMaintenanceCutOverFromTheSpecUsesBothDatabasesWindows() throws Exception {
        MigrationFixture db = new MigrationFixture(50);
        MigrationSpec spec = MigrationSpec.load(db.spec(dir, 100));

        try (Migration migration = Migration.open(spec, Map.of(), getClass().getClassLoader(),
                Migrator.Options.defaults())) {
            ContinuousMigration.Report report = ContinuousMigration.builder().maintenance("public").maxLagRows(500)
                    .pause(Duration.ZERO).migration(migration).newLocation("https://b.example").build()
                    .run();
            assertThat(report.outcome()).isEqualTo(ContinuousMigration.Outcome.CUT_OVER);
            assertThat(report.retired()).isTrue();
            assertThat(migration.sourceBackend("public").maintenance().current())
                    .as("the old cluster's window stays open, retired, in the source database")
                    .hasValueSatisfying(w -> {
                        assertThat(w.moved()).isTrue();
                        assertThat(w.location()).isEqualTo("https://b.example");
                    });
            assertThat(migration.targetBackend("public").orElseThrow().maintenance().current())
                    .as("the new cluster's window, opened for the cut-over, is closed again").isEmpty();
        }
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(50L);
    }

    @Test
    void aLoaderMadeForTheMigrationIsClosedWithItOrWhenOpeningFails() throws Exception {
        MigrationFixture db = new MigrationFixture(10);
        Path spec = db.spec(dir, 100);
        Files.writeString(dir.resolve("marker.txt"), "on the loader's class path");
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        MigrationNames names = MigrationNames.options().with(MigrationNames.Term.DRAIN, "--drain-timeout");
        try (Migration migration = Migration.openClosingLoader(MigrationSpec.load(spec), Map.of(), loader,
                Migrator.Options.defaults().withNames(names))) {
            assertThat(loader.findResource("marker.txt")).as("open while the migration is").isNotNull();
            assertThat(migration.migrator().options().names()).as("the options it was opened with").isSameAs(names);
        }
        assertThat(loader.findResource("marker.txt")).as("closed with the migration").isNull();

        Files.writeString(spec, Files.readString(spec).replace("from: amount,", "from: no_such_field,"));
        URLClassLoader refused = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        assertThatThrownBy(() -> Migration.openClosingLoader(MigrationSpec.load(spec), Map.of(), refused,
                Migrator.Options.defaults())).isInstanceOf(UpsilonException.class);
        assertThat(refused.findResource("marker.txt")).as("closed when opening failed").isNull();
    }

    @Test
    void anAddressLosesItsUserInfoAndQuery() {
        assertThat(Migration.describe(new MigrationSpec.Endpoint("jdbc:postgresql://bob:secret@db:5432/app"
                + "?password=secret", null, null, null))).isEqualTo("jdbc:postgresql://db:5432/app");
    }

    @Test
    void aSpecThatDoesNotFitIsRefusedBeforeAnyRowIsWritten() throws Exception {
        MigrationFixture db = new MigrationFixture(10);
        Path bad = db.spec(dir, 100);
        Files.writeString(bad, Files.readString(bad).replace("from: amount,", "from: no_such_field,"));

        assertThatThrownBy(() -> Migration.open(MigrationSpec.load(bad), Map.of(), getClass().getClassLoader(),
                Migrator.Options.defaults()))
                .isInstanceOfSatisfying(UpsilonException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.BAD_INPUT));
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).as("nothing written").isEqualTo(0L);
    }
}
