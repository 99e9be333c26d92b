package io.upsilon.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A transactional script's own transaction control is refused before anything runs (issue 13, item 1). */
class TransactionControlTest {

    static final List<String> REFUSED = List.of("BEGIN", "begin work", "Begin Transaction ISOLATION LEVEL SERIALIZABLE",
            "START TRANSACTION", "start transaction read write", "COMMIT", "commit work", "COMMIT AND CHAIN",
            "COMMIT AND NO CHAIN", "END", "end transaction", "ABORT", "abort work", "ROLLBACK", "rollback transaction",
            "ROLLBACK AND CHAIN", "PREPARE TRANSACTION 'x'", "COMMIT PREPARED 'x'", "ROLLBACK PREPARED 'x'",
            "/* c */ COMMIT", "-- c\ncommit", "CoMmIt /* x */ AND -- y\n CHAIN");

    static final List<String> ALLOWED = List.of("SAVEPOINT a", "RELEASE SAVEPOINT a", "RELEASE a",
            "ROLLBACK TO SAVEPOINT a", "rollback to a", "ROLLBACK WORK TO a", "ROLLBACK TRANSACTION TO SAVEPOINT a",
            "SET TRANSACTION ISOLATION LEVEL SERIALIZABLE", "PREPARE q AS SELECT 1", "SELECT 'COMMIT'",
            "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END", "SELECT 1 AS begin",
            "DO $$ BEGIN COMMIT; END $$", "CALL p()", "\"commit\"", "commit_log_insert()");

    @Test
    void everySpellingOfTransactionControlIsFound() {
        for (String sql : REFUSED) {
            assertThat(TransactionControl.find(SqlLexer.statements("SELECT 1; " + sql + "; SELECT 2")))
                    .as(sql).isPresent();
        }
    }

    @Test
    void savepointsAndOtherStatementsAreLeftAlone() {
        for (String sql : ALLOWED) {
            assertThat(TransactionControl.find(SqlLexer.statements(sql))).as(sql).isEmpty();
        }
    }

    @Test
    void aTransactionalScriptWithCommitIsRefusedWithTheRemedy() {
        String script = "create table t1 (id int);\nBEGIN;\ncreate table t2 (id int);\nCOMMIT;\nselect 1/0;";
        assertThatThrownBy(() -> SqlScript.parse("sql/a.sql", script, true))
                .isInstanceOf(UpsilonException.class)
                .hasMessageContaining("sql/a.sql' line 2").hasMessageContaining("BEGIN")
                .hasMessageContaining("nothing of it ran").hasMessageContaining("-- upsilon:non-transactional")
                .extracting(e -> ((UpsilonException) e).code()).isEqualTo(ErrorCode.INVALID_MANIFEST);
        assertThat(SqlScript.parse("sql/a.sql", script, false).statements()).hasSize(5);
    }

    @Test
    void batchesAreBoundedSoTheDriversWorkPerCallIsConstant() {
        // pgJDBC's work per call is quadratic in the statements of that call: bounded calls make a script linear
        int n = 10_000;
        StringBuilder script = new StringBuilder();
        for (int i = 0; i < n; i++) {
            script.append("INSERT INTO t VALUES (").append(i).append(", 'a;b') -- note\n;\n");
        }
        List<String> batches = SqlScript.parse("big.sql", script.toString(), true).batches();
        assertThat(batches).hasSize((n + SqlScript.BATCH_STATEMENTS - 1) / SqlScript.BATCH_STATEMENTS);
        assertThat(batches).allSatisfy(b -> assertThat(SqlLexer.statements(b)).hasSizeLessThanOrEqualTo(
                SqlScript.BATCH_STATEMENTS));
        assertThat(batches.stream().mapToInt(b -> SqlLexer.statements(b).size()).sum()).isEqualTo(n);
    }

    @Test
    void aBeginAtomicBodyGoesAlone() {
        String f = "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END";
        assertThat(SqlScript.parse("f.sql", "SELECT 1; " + f + "; SELECT 2; SELECT 3", true).batches())
                .containsExactly("SELECT 1", f, "SELECT 2\n;\nSELECT 3");
    }

    @Test
    void aStatementChangingTheStringSyntaxEndsItsBatch() {
        assertThat(SqlScript.parse("s.sql", "SELECT 1; SET standard_conforming_strings = off; SELECT 'a\\'; b'",
                true).batches()).containsExactly("SELECT 1", "SET standard_conforming_strings = off",
                "SELECT 'a\\'; b'");
    }
}
