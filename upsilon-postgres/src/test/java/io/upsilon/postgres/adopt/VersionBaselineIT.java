package io.upsilon.postgres.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.BaselineResult;
import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code baseline --baseline-version V} on a database whose schema was made by hand. */
class VersionBaselineIT {

    @TempDir
    Path tmp;
    private Manifest manifest;
    private TestDatabase db;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        db.execute("CREATE TABLE accounts (id bigint PRIMARY KEY)");
        manifest = new ScriptDir(tmp)
                .write("sql/1.0/accounts.sql", "CREATE TABLE accounts (id bigint PRIMARY KEY);\n")
                .write("sql/1.0/seed.sql", "INSERT INTO accounts VALUES (1);\n")
                .write("sql/1.1/ledger.sql", "CREATE TABLE ledger (id bigint PRIMARY KEY);\n")
                .manifest("1.0\n  - sql/1.0/accounts.sql\n  - sql/1.0/seed.sql\n1.1\n  - sql/1.1/ledger.sql\n");
    }

    @Test
    void marksEveryTaskAtOrBelowTheVersionAppliedWithoutRunningIt() {
        BaselineResult result = ScriptDir.node(db, manifest).baseline(Version.parse("1.0"));
        assertThat(result.rows()).extracting(TaskRecord::task).containsExactly("sql/1.0/accounts.sql", "sql/1.0/seed.sql");
        assertThat(db.queryOne("SELECT count(*) FROM accounts")).as("seed did not run").isEqualTo(0L);
        assertThat(ScriptDir.node(db, manifest).history()).extracting(TaskRecord::status)
                .containsOnly(TaskStatus.BASELINE);
        assertThat(ScriptDir.node(db, manifest).upgrade().tasks()).extracting(TaskRecord::task)
                .containsExactly("sql/1.1/ledger.sql");
    }

    @Test
    void refusesAVersionTheManifestDoesNotHave() {
        assertThatThrownBy(() -> ScriptDir.node(db, manifest).baseline(Version.parse("0.9")))
                .isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_VERSION);
                    assertThat(e.getMessage()).contains("0.9", "[1.0, 1.1]");
                });
    }

    @Test
    void refusesAfterAnUpgrade() {
        ScriptDir.node(db, new ScriptDir(tmp).manifest("1.1\n  - sql/1.1/ledger.sql\n")).upgrade();
        assertThatThrownBy(() -> ScriptDir.node(db, manifest).baseline(Version.parse("1.0")))
                .isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BASELINE_REFUSED);
                    assertThat(e.getMessage()).contains("1 history rows");
                });
        assertThat(ScriptDir.node(db, manifest).history()).hasSize(1);
    }
}
