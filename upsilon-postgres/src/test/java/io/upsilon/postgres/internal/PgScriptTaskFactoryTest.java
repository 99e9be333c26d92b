package io.upsilon.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.TaskDefinition;
import io.upsilon.UpgradeTask;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A manifest's SQL entries become PostgreSQL script tasks through this module's service file. */
class PgScriptTaskFactoryTest {

    @TempDir
    Path dir;

    @Test
    void manifestSqlEntriesArePostgresScriptTasksWithTheirUndoScriptAndTransactionMarker() throws IOException {
        Files.createDirectories(dir.resolve("sql/1.0"));
        Files.writeString(dir.resolve("sql/1.0/add.sql"), "CREATE TABLE t (id int);");
        Files.writeString(dir.resolve("sql/1.0/add.undo.sql"), "DROP TABLE t;");
        Files.writeString(dir.resolve("sql/1.0/index.sql"), "-- upsilon:non-transactional\nCREATE INDEX"
                + " CONCURRENTLY i ON t (id);");
        Files.writeString(dir.resolve("upsilon.tasks"), "1.0\n  - sql/1.0/add.sql\n  - sql/1.0/index.sql\n");
        Manifest m = Manifest.load(dir.resolve("upsilon.tasks"), getClass().getClassLoader());
        TaskDefinition add = m.tasks(Version.parse("1.0")).get(0);
        assertThat(add.newTask()).isInstanceOf(SqlScriptTask.class);
        assertThat(add.newTask().canRollback()).isTrue();
        assertThat(add.newTask().isTransactional()).isTrue();
        UpgradeTask index = m.tasks(Version.parse("1.0")).get(1).newTask();
        assertThat(index.isTransactional()).isFalse();
        assertThat(index.canRollback()).isFalse();
    }

    @Test
    void aScriptThatDoesNotCutFailsWhenItsChecksumIsFirstRead() throws IOException {
        Files.writeString(dir.resolve("open.sql"), "SELECT 1;\nSELECT 'open");
        Files.writeString(dir.resolve("upsilon.tasks"), "1.0\n  - open.sql\n");
        TaskDefinition open = Manifest.load(dir.resolve("upsilon.tasks"), getClass().getClassLoader()).allTasks().get(0);
        assertThatThrownBy(open::checksum).isInstanceOfSatisfying(UpsilonException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MANIFEST))
                .hasMessageContainingAll("SQL script 'open.sql'", "line 2", "nothing of it ran");
    }
}
