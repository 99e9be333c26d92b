package io.upsilon.postgres.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.BaselineResult;
import io.upsilon.ErrorCode;
import io.upsilon.ForeignMigration;
import io.upsilon.Manifest;
import io.upsilon.UpgradeResult;
import io.upsilon.UpgradeResult.Outcome;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.postgres.ForeignHistory;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Path;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Taking over databases that real Flyway (13.12) built: its history is mapped onto an Upsilon manifest, nothing
 * runs twice, and only the newer tasks run on the next upgrade.
 */
class FlywayBaselineIT {

    @TempDir
    Path tmp;
    private ScriptDir scripts;
    private TestDatabase db;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        scripts = new ScriptDir(tmp)
                .write("db/migration/V1__accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\r\n")
                .write("db/migration/V1_1__ledger.sql", "CREATE TABLE ledger (id bigint PRIMARY KEY,\n"
                        + "  account bigint REFERENCES accounts);\n")
                .write("db/migration/R__balances.sql", "CREATE OR REPLACE VIEW balances AS SELECT id FROM accounts;\n")
                .write("sql/1.2/transfers.sql", "CREATE TABLE transfers (id bigint PRIMARY KEY);\n");
    }

    private void flywayMigrate() {
        Flyway.configure().dataSource(db.dataSource()).locations("filesystem:" + tmp.resolve("db/migration"))
                .load().migrate();
    }

    private List<ForeignMigration> flywayHistory() {
        return ForeignHistory.flyway(db.dataSource(), ForeignHistory.FLYWAY_TABLE);
    }

    @Test
    void mapsScriptsByFileNameVerifiesChecksumsAndRunsOnlyTheNewerTasks() {
        flywayMigrate();
        Manifest manifest = scripts.manifest("1.0\n  - db/migration/V1__accounts.sql\n"
                + "1.1\n  - db/migration/V1_1__ledger.sql\n1.2\n  - sql/1.2/transfers.sql\n");

        BaselineResult baseline = ScriptDir.node(db, manifest).baseline(flywayHistory());

        assertThat(baseline.dataVersion()).isEqualTo(Version.parse("1.1"));
        assertThat(baseline.rows()).extracting(TaskRecord::task)
                .containsExactly("db/migration/V1__accounts.sql", "db/migration/V1_1__ledger.sql");
        assertThat(baseline.sources()).allMatch(s -> s.endsWith("checksum verified"));
        assertThat(baseline.ignored()).singleElement().asString().contains("R__balances.sql", "repeatable");

        List<TaskRecord> history = ScriptDir.node(db, manifest).history();
        assertThat(history).extracting(TaskRecord::status).containsOnly(TaskStatus.BASELINE);
        assertThat(history).extracting(TaskRecord::nodeId).containsOnly("n1 (flyway)");
        assertThat(history).extracting(r -> r.checksum().orElseThrow())
                .containsExactly(manifest.allTasks().get(0).checksum().orElseThrow(),
                        manifest.allTasks().get(1).checksum().orElseThrow());

        UpgradeResult upgrade = ScriptDir.node(db, manifest).upgrade();
        assertThat(upgrade.before()).contains(Version.parse("1.1"));
        assertThat(upgrade.tasks()).extracting(TaskRecord::task).containsExactly("sql/1.2/transfers.sql");
        assertThat(ScriptDir.node(db, manifest).validate().issues()).isEmpty();
        assertThat(ScriptDir.node(db, manifest).upgrade().outcome()).isEqualTo(Outcome.UP_TO_DATE);
    }

    @Test
    void mapsAVersionLineToFlywaysVersionWhenTheScriptsWereRenamed() {
        flywayMigrate();
        scripts.write("sql/1.0/create_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n")
                .write("sql/1.1/create_ledger.sql", "CREATE TABLE ledger (id bigint PRIMARY KEY);\n");
        Manifest manifest = scripts.manifest("1\n  - sql/1.0/create_accounts.sql\n"
                + "1.1\n  - sql/1.1/create_ledger.sql\n1.2\n  - sql/1.2/transfers.sql\n");

        BaselineResult baseline = ScriptDir.node(db, manifest).baseline(flywayHistory());

        assertThat(baseline.dataVersion()).isEqualTo(Version.parse("1.1"));
        assertThat(baseline.sources()).containsExactly("Flyway V1 (V1__accounts.sql)", "Flyway V1.1 (V1_1__ledger.sql)");
        assertThat(ScriptDir.node(db, manifest).upgrade().tasks()).extracting(TaskRecord::task)
                .containsExactly("sql/1.2/transfers.sql");
    }

    @Test
    void takesFlywaysOwnBaselineMarkerAsEverythingAtOrBelowIt() {
        db.execute("CREATE TABLE accounts (id bigint PRIMARY KEY)");
        Flyway.configure().dataSource(db.dataSource()).locations("filesystem:" + tmp.resolve("db/migration"))
                .baselineVersion("1").baselineOnMigrate(true).load().migrate();
        scripts.write("sql/1.0/create_accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n");
        Manifest manifest = scripts.manifest("1.0\n  - sql/1.0/create_accounts.sql\n"
                + "1.1\n  - db/migration/V1_1__ledger.sql\n1.2\n  - sql/1.2/transfers.sql\n");

        BaselineResult baseline = ScriptDir.node(db, manifest).baseline(flywayHistory());

        assertThat(baseline.dataVersion()).isEqualTo(Version.parse("1.1"));
        assertThat(baseline.sources()).first().asString().isEqualTo("Flyway baseline 1");
    }

    @Test
    void refusesAScriptChangedSinceFlywayRanItNamingBothChecksums() {
        flywayMigrate();
        scripts.write("db/migration/V1_1__ledger.sql", "CREATE TABLE ledger (id bigint PRIMARY KEY);\n");
        Manifest manifest = scripts.manifest("1.0\n  - db/migration/V1__accounts.sql\n"
                + "1.1\n  - db/migration/V1_1__ledger.sql\n");
        assertThatThrownBy(() -> ScriptDir.node(db, manifest).baseline(flywayHistory()))
                .isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BASELINE_REFUSED);
                    assertThat(e.code().exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("V1_1__ledger.sql", "Flyway's checksum", "flyway repair")
                            .doesNotContain("\n");
                });
        assertThat(db.queryOne("SELECT to_regclass('upsilon_history') IS NULL")).as("nothing written").isEqualTo(true);
    }

    @Test
    void refusesAFlywayMigrationTheManifestDoesNotList() {
        flywayMigrate();
        Manifest manifest = scripts.manifest("1.0\n  - db/migration/V1__accounts.sql\n");
        assertThatThrownBy(() -> ScriptDir.node(db, manifest).baseline(flywayHistory()))
                .isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BASELINE_REFUSED);
                    assertThat(e.getMessage()).contains("Flyway V1.1 (V1_1__ledger.sql) matches no task",
                            "sql/V1_1__ledger.sql");
                });
    }

    @Test
    void aMigrationFlywayRolledBackStaysPending() {
        scripts.write("db/migration/V1_2__broken.sql", "CREATE INDEX broken ON no_such_table (id);\n");
        assertThatThrownBy(this::flywayMigrate).isInstanceOf(RuntimeException.class);
        Manifest manifest = scripts.manifest("1.0\n  - db/migration/V1__accounts.sql\n"
                + "1.1\n  - db/migration/V1_1__ledger.sql\n1.2\n  - db/migration/V1_2__broken.sql\n");
        assertThat(ScriptDir.node(db, manifest).baseline(flywayHistory()).dataVersion()).isEqualTo(Version.parse("1.1"));
        assertThat(ScriptDir.node(db, manifest).validate().pending()).extracting(step -> step.definition().name())
                .containsExactly("db/migration/V1_2__broken.sql");
    }

    @Test
    void refusesAFailedFlywayRow() {
        flywayMigrate();
        // what Flyway writes where DDL is not transactional and a migration fails half-way
        db.execute("UPDATE flyway_schema_history SET success = false WHERE version = '1.1'");
        Manifest manifest = scripts.manifest("1.0\n  - db/migration/V1__accounts.sql\n"
                + "1.1\n  - db/migration/V1_1__ledger.sql\n");
        assertThatThrownBy(() -> ScriptDir.node(db, manifest).baseline(flywayHistory()))
                .isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BASELINE_REFUSED);
                    assertThat(e.getMessage()).contains("Flyway V1.1 (V1_1__ledger.sql) failed", "flyway repair");
                });
    }

    @Test
    void refusesADatabaseThatAlreadyHasUpsilonHistory() {
        flywayMigrate();
        Manifest manifest = scripts.manifest("1.0\n  - db/migration/V1__accounts.sql\n"
                + "1.1\n  - db/migration/V1_1__ledger.sql\n");
        ScriptDir.node(db, manifest).baseline(flywayHistory());
        assertThatThrownBy(() -> ScriptDir.node(db, manifest).baseline(flywayHistory()))
                .isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BASELINE_REFUSED);
                    assertThat(e.getMessage()).contains("already has Upsilon history", "data version 1.1",
                            "upsilon validate");
                });
        assertThatThrownBy(() -> ScriptDir.node(db, manifest).baseline(Version.parse("1.0")))
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BASELINE_REFUSED));
    }

    @Test
    void refusesWhenThereIsNoFlywayTable() {
        assertThatThrownBy(this::flywayHistory).isInstanceOfSatisfying(UpsilonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BASELINE_REFUSED);
            assertThat(e.getMessage()).contains("no Flyway history table flyway_schema_history", "--history-table");
        });
    }
}
