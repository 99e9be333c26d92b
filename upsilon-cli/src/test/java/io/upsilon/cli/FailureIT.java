package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing task exits with 1, says so in one line with the remedy, and leaves the data version where it was. */
class FailureIT {

    @TempDir
    Path tmp;

    @Test
    void failingSqlTaskExitsWithOneAndKeepsTheDataVersion() {
        TestDatabase db = PostgresFixture.newDatabase();
        Path manifest = Manifests.in(tmp)
                .file("upsilon.tasks", "1.0\n  - sql/ok.sql\n1.1\n  - sql/broken.sql\n")
                .file("sql/ok.sql", "CREATE TABLE ok (id int);")
                .file("sql/broken.sql", "CREATE TABLE half (id int);\nINSERT INTO missing_table VALUES (1);")
                .write();
        String[] common = {"--url", db.jdbcUrl(), "--manifest", manifest.toString()};

        Cli.Run upgrade = Cli.run(concat(new String[] {"upgrade"}, common));

        assertThat(upgrade.exitCode()).as(upgrade.toString()).isEqualTo(1);
        assertThat(upgrade.err().lines()).hasSize(1);
        assertThat(upgrade.err()).contains("sql/broken.sql", "missing_table", "data version stays at 1.0",
                "fix the cause and run the upgrade again");
        assertThat(db.queryOne("SELECT to_regclass('half')")).as("the failed task's work is rolled back").isNull();

        Cli.Run status = Cli.run(concat(new String[] {"status", "--json"}, common));
        assertThat(status.json().get("dataVersion").asText()).isEqualTo("1.0");
        assertThat(status.json().get("pending")).hasSize(1);

        Cli.Run history = Cli.run("history", "--json", "--url", db.jdbcUrl()); // history reads no manifest
        assertThat(history.json().get("history")).extracting(row -> row.get("status").asText())
                .containsExactly("SUCCEEDED", "FAILED");
        assertThat(history.json().at("/history/1/error").asText()).contains("missing_table");
    }

    @Test
    void failureWithJsonAlsoPrintsTheErrorAsJson() {
        TestDatabase db = PostgresFixture.newDatabase();
        Path manifest = Manifests.in(tmp)
                .file("upsilon.tasks", "1.0\n  - sql/broken.sql\n")
                .file("sql/broken.sql", "SELECT 1/0;")
                .write();

        Cli.Run run = Cli.run("upgrade", "--json", "--url", db.jdbcUrl(), "--manifest", manifest.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.json().at("/error/code").asText()).isEqualTo("TASK_FAILED");
        assertThat(run.json().at("/error/exitCode").asInt()).isEqualTo(1);
        assertThat(run.json().at("/error/message").asText()).contains("division by zero");
        assertThat(db.queryOne("SELECT version FROM upsilon_data_version")).isNull();
    }

    @Test
    void downgradeAcrossATaskWithoutRollbackIsRefused() {
        TestDatabase db = PostgresFixture.newDatabase();
        Path manifest = Manifests.in(tmp)
                .file("upsilon.tasks", "1.0\n  - sql/a.sql\n1.1\n  - sql/b.sql\n")
                .file("sql/a.sql", "CREATE TABLE a (id int);")
                .file("sql/b.sql", "ALTER TABLE a ADD COLUMN b int;")
                .write();
        String[] common = {"--url", db.jdbcUrl(), "--manifest", manifest.toString()};
        assertThat(Cli.run(concat(new String[] {"upgrade"}, common)).exitCode()).isZero();

        Cli.Run down = Cli.run(concat(new String[] {"upgrade", "--to", "1.0"}, common));

        assertThat(down.exitCode()).as(down.toString()).isEqualTo(2);
        assertThat(down.err()).contains("has no rollback");
        assertThat(db.queryOne("SELECT version FROM upsilon_data_version")).isEqualTo("1.1");
    }

    static String[] concat(String[] first, String[] second) {
        String[] all = new String[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
