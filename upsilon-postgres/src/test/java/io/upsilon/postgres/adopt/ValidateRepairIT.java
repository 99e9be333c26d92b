package io.upsilon.postgres.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.RepairResult;
import io.upsilon.UpgradeResult;
import io.upsilon.UpgradeResult.Outcome;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonException;
import io.upsilon.ValidationIssue;
import io.upsilon.ValidationResult;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Validate and repair, Flyway style, on a real PostgreSQL with real script files. */
class ValidateRepairIT {

    private static final String V1 = "1.0\n  - sql/1.0/accounts.sql\n";
    private static final String V2 = V1 + "1.1\n  - sql/1.1/ledger.sql\n";

    @TempDir
    Path tmp;
    private ScriptDir scripts;
    private TestDatabase db;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        scripts = new ScriptDir(tmp)
                .write("sql/1.0/accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n")
                .write("sql/1.1/ledger.sql", "CREATE TABLE ledger (id bigint PRIMARY KEY);\n");
        ScriptDir.node(db, scripts.manifest(V1)).upgrade();
    }

    @Test
    void anEditedAppliedScriptMakesThePendingUpgradeRefuseNamingItsChecksums() {
        String recorded = checksumOf("sql/1.0/accounts.sql");
        scripts.write("sql/1.0/accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY, name text);\n");
        Manifest edited = scripts.manifest(V2);
        String now = edited.tasks(Version.parse("1.0")).get(0).checksum().orElseThrow();

        assertThatThrownBy(() -> ScriptDir.node(db, edited).upgrade())
                .isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.code().exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("sql/1.0/accounts.sql", recorded.substring(0, 12),
                            now.substring(0, 12), "upsilon repair").doesNotContain("\n");
                });
        assertThat(db.queryOne("SELECT to_regclass('ledger') IS NULL")).isEqualTo(true);
    }

    @Test
    void nothingPendingStaysOneReadUnlessAlwaysValidating() {
        scripts.write("sql/1.0/accounts.sql", "-- edited\nCREATE TABLE accounts (id bigint PRIMARY KEY);\n");
        Manifest edited = scripts.manifest(V1);
        CountingStore store = new CountingStore(PostgresBackend.create(db.dataSource()).store());
        Upsilon node = ScriptDir.node(db, edited, b -> b.store(store));

        assertThat(node.upgrade().outcome()).isEqualTo(Outcome.UP_TO_DATE);
        assertThat(store.stateReads).hasValue(1);
        assertThat(store.historyReads).hasValue(0);

        assertThatThrownBy(() -> ScriptDir.node(db, edited, b -> b.validateAlways(true)).upgrade())
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED));
    }

    @Test
    void aTaskAddedToAnAppliedVersionRefusesAndRunsOnlyOutOfOrder() {
        scripts.write("sql/1.0/index.sql", "CREATE INDEX accounts_id ON accounts (id);\n");
        Manifest appended = scripts.manifest("1.0\n  - sql/1.0/accounts.sql\n  - sql/1.0/index.sql\n");
        CountingStore store = new CountingStore(PostgresBackend.create(db.dataSource()).store());

        assertThatThrownBy(() -> ScriptDir.node(db, appended, b -> b.store(store)).upgrade())
                .isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
                    assertThat(e.getMessage()).contains("sql/1.0/index.sql", "--out-of-order", "1.0");
                });
        assertThat(store.historyReads).as("the digest differs, so the history is read").hasValue(1);
        assertThat(db.queryOne("SELECT to_regclass('accounts_id') IS NULL")).isEqualTo(true);

        ValidationResult validation = ScriptDir.node(db, appended).validate();
        assertThat(validation.isValid()).isFalse();
        assertThat(validation.errors()).extracting(ValidationIssue::kind).containsExactly(ValidationIssue.Kind.OUT_OF_ORDER);

        UpgradeResult result = ScriptDir.node(db, appended, b -> b.outOfOrder(true)).upgrade();
        assertThat(result.outcome()).isEqualTo(Outcome.UPGRADED);
        assertThat(result.tasks()).extracting(TaskRecord::task).containsExactly("sql/1.0/index.sql");
        assertThat(result.after()).contains(Version.parse("1.0"));
        assertThat(db.queryOne("SELECT to_regclass('accounts_id') IS NOT NULL")).isEqualTo(true);
        assertThat(ScriptDir.node(db, appended).upgrade().outcome()).isEqualTo(Outcome.UP_TO_DATE);
    }

    @Test
    void outOfOrderTasksRunBeforeTheNewVersions() {
        scripts.write("sql/1.0/index.sql", "CREATE INDEX accounts_id ON accounts (id);\n");
        Manifest both = scripts.manifest("1.0\n  - sql/1.0/accounts.sql\n  - sql/1.0/index.sql\n"
                + "1.1\n  - sql/1.1/ledger.sql\n");
        assertThatThrownBy(() -> ScriptDir.node(db, both).upgrade()).isInstanceOf(UpsilonException.class)
                .hasMessageContaining("sql/1.0/index.sql");
        UpgradeResult result = ScriptDir.node(db, both, b -> b.outOfOrder(true)).upgrade();
        assertThat(result.tasks()).extracting(TaskRecord::task)
                .containsExactly("sql/1.0/index.sql", "sql/1.1/ledger.sql");
        assertThat(result.after()).contains(Version.parse("1.1"));
    }

    @Test
    void repairRecordsTheNewChecksumAfterADryRunThatChangesNothing() {
        scripts.write("sql/1.0/accounts.sql", "-- a comment\nCREATE TABLE accounts (id bigint PRIMARY KEY);\n");
        Manifest edited = scripts.manifest(V2);
        String before = checksumOf("sql/1.0/accounts.sql");

        RepairResult dry = ScriptDir.node(db, edited).repair(true);
        assertThat(dry.dryRun()).isTrue();
        assertThat(dry.checksums()).extracting(ValidationIssue::task).containsExactly("sql/1.0/accounts.sql");
        assertThat(checksumOf("sql/1.0/accounts.sql")).isEqualTo(before);

        RepairResult done = ScriptDir.node(db, edited).repair(false);
        assertThat(done.dryRun()).isFalse();
        assertThat(checksumOf("sql/1.0/accounts.sql"))
                .isEqualTo(edited.tasks(Version.parse("1.0")).get(0).checksum().orElseThrow());
        assertThat(ScriptDir.node(db, edited).repair(false).isEmpty()).isTrue();
        assertThat(ScriptDir.node(db, edited).upgrade().tasks()).extracting(TaskRecord::task)
                .containsExactly("sql/1.1/ledger.sql");
    }

    @Test
    void repairClearsAFailedNonTransactionalRow() {
        scripts.write("sql/1.1/concurrently.sql", "-- upsilon:non-transactional\n"
                + "CREATE INDEX CONCURRENTLY accounts_missing ON no_such_table (id);\n");
        Manifest failing = scripts.manifest(V1 + "1.1\n  - sql/1.1/concurrently.sql\n");
        assertThatThrownBy(() -> ScriptDir.node(db, failing).upgrade()).isInstanceOfSatisfying(UpsilonException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_FAILED));
        ValidationResult validation = ScriptDir.node(db, failing).validate();
        assertThat(validation.isValid()).isTrue();
        assertThat(validation.issues()).extracting(ValidationIssue::kind).containsExactly(ValidationIssue.Kind.FAILED);
        assertThat(validation.pending()).extracting(step -> step.definition().name())
                .containsExactly("sql/1.1/concurrently.sql");

        RepairResult repaired = ScriptDir.node(db, failing).repair(false);
        assertThat(repaired.removedRows()).extracting(TaskRecord::status).containsExactly(TaskStatus.FAILED);
        assertThat(ScriptDir.node(db, failing).history()).extracting(TaskRecord::status)
                .containsExactly(TaskStatus.SUCCEEDED);
        assertThat(ScriptDir.node(db, failing).validate().issues()).isEmpty();
    }

    @Test
    void aRenamedAppliedTaskIsMissingAndItsNewNameOutOfOrder() {
        Manifest upgraded = scripts.manifest(V2);
        ScriptDir.node(db, upgraded).upgrade();
        scripts.write("sql/1.1/other.sql", "SELECT 1;\n");
        Manifest renamed = scripts.manifest(V1 + "1.1\n  - sql/1.1/other.sql\n");
        ValidationResult validation = ScriptDir.node(db, renamed).validate();
        assertThat(validation.isValid()).isFalse();
        assertThat(validation.issues()).extracting(ValidationIssue::kind)
                .containsExactly(ValidationIssue.Kind.OUT_OF_ORDER, ValidationIssue.Kind.MISSING);
        assertThat(validation.issues().get(1).isError()).isFalse();
        assertThat(validation.issues().get(1).message()).contains("sql/1.1/ledger.sql", "no longer in manifest");
    }

    private String checksumOf(String task) {
        return (String) db.queryOne("SELECT checksum FROM upsilon_history WHERE task = '" + task
                + "' ORDER BY id DESC LIMIT 1");
    }
}
