package io.upsilon.postgres.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.BaselineResult;
import io.upsilon.ErrorCode;
import io.upsilon.ForeignMigration;
import io.upsilon.Manifest;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.postgres.ForeignHistory;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import liquibase.Liquibase;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.DirectoryResourceAccessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Taking over databases that real Liquibase (4.33) built, by changelog file and by changeset id. */
class LiquibaseBaselineIT {

    private static final String XML_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<databaseChangeLog xmlns=\"http://www.liquibase.org/xml/ns/dbchangelog\"\n"
            + "  xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
            + "  xsi:schemaLocation=\"http://www.liquibase.org/xml/ns/dbchangelog"
            + " http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd\">\n";

    @TempDir
    Path tmp;
    private ScriptDir scripts;
    private TestDatabase db;

    @BeforeAll
    static void offline() {
        System.setProperty("liquibase.analytics.enabled", "false"); // no usage reports over the network
    }

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        scripts = new ScriptDir(tmp)
                .write("db/changelog/sql/1.0/accounts.sql", "--liquibase formatted sql\n"
                        + "--changeset alice:create-accounts\nCREATE TABLE accounts (id bigint PRIMARY KEY);\n"
                        + "--changeset alice:index-accounts\nCREATE INDEX accounts_id ON accounts (id);\n")
                .write("db/changelog/sql/1.1/ledger.sql", "--liquibase formatted sql\n"
                        + "--changeset bob:create-ledger\nCREATE TABLE ledger (id bigint PRIMARY KEY);\n")
                .write("db/changelog/sql/1.2/transfers.sql", "CREATE TABLE transfers (id bigint PRIMARY KEY);\n");
    }

    private void liquibaseUpdate(String changelog) throws Exception {
        try (Connection c = db.dataSource().getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            new Liquibase(changelog, new DirectoryResourceAccessor(tmp), database).update("");
        }
    }

    private List<ForeignMigration> liquibaseHistory() {
        return ForeignHistory.liquibase(db.dataSource(), ForeignHistory.LIQUIBASE_TABLE);
    }

    @Test
    void mapsChangelogFilesToScriptTasksAndRunsOnlyTheNewerTasks() throws Exception {
        scripts.write("db/changelog/master.xml", XML_HEAD
                + "  <include file=\"sql/1.0/accounts.sql\" relativeToChangelogFile=\"true\"/>\n"
                + "  <include file=\"sql/1.1/ledger.sql\" relativeToChangelogFile=\"true\"/>\n"
                + "</databaseChangeLog>\n");
        liquibaseUpdate("db/changelog/master.xml");
        Manifest manifest = scripts.manifestIn("db/changelog", "1.0\n  - sql/1.0/accounts.sql\n"
                + "1.1\n  - sql/1.1/ledger.sql\n1.2\n  - sql/1.2/transfers.sql\n");

        BaselineResult baseline = ScriptDir.node(db, manifest).baseline(liquibaseHistory());

        assertThat(baseline.dataVersion()).isEqualTo(Version.parse("1.1"));
        assertThat(baseline.rows()).extracting(TaskRecord::task)
                .containsExactly("sql/1.0/accounts.sql", "sql/1.1/ledger.sql");
        assertThat(baseline.sources()).first().asString().startsWith("Liquibase changeset ")
                .contains("db/changelog/sql/1.0/accounts.sql");
        assertThat(ScriptDir.node(db, manifest).history()).extracting(TaskRecord::status)
                .containsOnly(TaskStatus.BASELINE);
        assertThat(ScriptDir.node(db, manifest).upgrade().tasks()).extracting(TaskRecord::task)
                .containsExactly("sql/1.2/transfers.sql");
        assertThat(db.queryOne("SELECT to_regclass('transfers') IS NOT NULL")).isEqualTo(true);
    }

    @Test
    void mapsChangesetIdsToTaskNamesAndRefusesAChangesetTheManifestLacks() throws Exception {
        scripts.write("db/changelog/master.xml", XML_HEAD
                + "  <changeSet id=\"create-accounts\" author=\"alice\">"
                + "<sql>CREATE TABLE accounts (id bigint PRIMARY KEY)</sql></changeSet>\n"
                + "  <changeSet id=\"create-ledger\" author=\"bob\">"
                + "<sql>CREATE TABLE ledger (id bigint PRIMARY KEY)</sql></changeSet>\n"
                + "</databaseChangeLog>\n");
        liquibaseUpdate("db/changelog/master.xml");
        scripts.write("sql/1.0/create-accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n")
                .write("sql/1.1/create-ledger.sql", "CREATE TABLE ledger (id bigint PRIMARY KEY);\n");

        Manifest partial = scripts.manifest("1.0\n  - sql/1.0/create-accounts.sql\n");
        assertThatThrownBy(() -> ScriptDir.node(db, partial).baseline(liquibaseHistory()))
                .isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BASELINE_REFUSED);
                    assertThat(e.getMessage()).contains("Liquibase changeset create-ledger:bob", "matches no task",
                            "add it to the manifest");
                });

        Manifest manifest = scripts.manifest("1.0\n  - sql/1.0/create-accounts.sql\n"
                + "1.1\n  - sql/1.1/create-ledger.sql\n");
        BaselineResult baseline = ScriptDir.node(db, manifest).baseline(liquibaseHistory());
        assertThat(baseline.dataVersion()).isEqualTo(Version.parse("1.1"));
        assertThat(baseline.sources()).containsExactly(
                "Liquibase changeset create-accounts:alice (db/changelog/master.xml)",
                "Liquibase changeset create-ledger:bob (db/changelog/master.xml)");
    }
}
