package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.UpsilonException;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transactional SQL task is atomic whatever its text holds, a script is checked whole before any of it runs, and
 * large scripts run in bounded batches (issue 13, items 1, 3 and 4).
 */
class ScriptAtomicityIT {

    @TempDir
    Path dir;

    private Manifest manifest(String tasks, String... files) throws Exception {
        for (int i = 0; i < files.length; i += 2) {
            Files.writeString(dir.resolve(files[i]), files[i + 1]);
        }
        Files.writeString(dir.resolve("upsilon.tasks"), tasks);
        return Manifest.load(dir.resolve("upsilon.tasks"), getClass().getClassLoader());
    }

    @Test
    void aScriptsOwnCommitIsRefusedBeforeAnyTaskOfThePlanRuns() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        Manifest manifest = manifest("1.0\n  - ok.sql\n1.1\n  - bad.sql\n", "ok.sql", "CREATE TABLE ok (id int);",
                "bad.sql", "create table t1 (id int);\n/* c */ Commit /* x */ AND CHAIN;\ncreate table t3 (id int);");
        assertThatThrownBy(() -> Nodes.node(db, "n", manifest).upgrade())
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MANIFEST))
                .hasMessageContaining("bad.sql' line 2").hasMessageContaining("nothing of it ran");
        assertThat(db.queryOne("SELECT count(*) FROM pg_tables WHERE tablename IN ('ok', 't1', 't3')")).isEqualTo(0L);
    }

    @Test
    void commitsInsideDoBlocksAndProceduresFailTheTaskWhole() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        Manifest manifest = manifest("1.0\n  - p.sql\n1.1\n  - do.sql\n1.2\n  - call.sql\n",
                "p.sql", "CREATE PROCEDURE p() LANGUAGE plpgsql AS $$ BEGIN CREATE TABLE from_p (id int); COMMIT;"
                        + " END $$;",
                "do.sql", "CREATE TABLE t2 (id int);\nDO $$ BEGIN INSERT INTO t2 VALUES (1); COMMIT; END $$;",
                "call.sql", "CREATE TABLE t3 (id int);\nCALL p();");
        assertThatThrownBy(() -> Nodes.node(db, "n", manifest).upgrade())
                .hasMessageContaining("do.sql").hasMessageContaining("invalid transaction termination");
        Manifest withoutDo = manifest("1.0\n  - p.sql\n1.2\n  - call.sql\n");
        assertThatThrownBy(() -> Nodes.node(db, "n", withoutDo).upgrade())
                .hasMessageContaining("call.sql").hasMessageContaining("invalid transaction termination");
        assertThat(db.queryOne("SELECT count(*) FROM pg_tables WHERE tablename IN ('t2', 't3', 'from_p')"))
                .isEqualTo(0L);
    }

    @Test
    void aNonTransactionalScriptThatCannotBeCutRunsNothing() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        Manifest good = manifest("1.0\n  - n.sql\n", "n.sql", "-- upsilon:non-transactional\n"
                + "CREATE TABLE n (v text);\nINSERT INTO n VALUES (E'it\\'s; tricky');\nCREATE INDEX CONCURRENTLY ni ON n (v);");
        Nodes.node(db, "n", good).upgrade();
        assertThat(db.queryOne("SELECT v FROM n")).isEqualTo("it's; tricky");

        Manifest open = manifest("1.0\n  - n.sql\n1.1\n  - m.sql\n", "m.sql", "-- upsilon:non-transactional\n"
                + "CREATE TABLE m (v text);\nINSERT INTO m VALUES ('never closed);");
        assertThatThrownBy(() -> Nodes.node(db, "n", open).upgrade()).hasMessageContaining("m.sql' line 3")
                .hasMessageContaining("unterminated string");
        assertThat(db.queryOne("SELECT to_regclass('m')")).isNull();
    }

    @Test
    void aLargeScriptOfTrickyStatementsRunsWholeInBatches() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        StringBuilder script = new StringBuilder("CREATE TABLE big (id int, v text);\n");
        for (int i = 0; i < 3_000; i++) {
            script.append("INSERT INTO big VALUES (").append(i).append(", E'a\\';b') -- ends in a comment\n;\n");
            if (i % 1000 == 0) {
                script.append("CREATE FUNCTION f").append(i).append("() RETURNS int LANGUAGE sql BEGIN ATOMIC"
                        + " SELECT 1; SELECT 2; END;\n");
            }
        }
        Nodes.node(db, "n", manifest("1.0\n  - big.sql\n", "big.sql", script.toString())).upgrade();
        assertThat(db.queryOne("SELECT count(*) FROM big WHERE v = 'a'';b'")).isEqualTo(3_000L);
        assertThat(db.queryOne("SELECT f2000()")).isEqualTo(2);
    }
}
