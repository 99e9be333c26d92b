package io.upsilon.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SqlStatementsTest {

    @Test
    void splitsAtTopLevelSemicolons() {
        assertThat(SqlStatements.split("CREATE TABLE a (id int);\nCREATE INDEX CONCURRENTLY i ON a (id);\n"))
                .containsExactly("CREATE TABLE a (id int)", "CREATE INDEX CONCURRENTLY i ON a (id)");
    }

    @Test
    void leavesQuotedSemicolonsAlone() {
        assertThat(SqlStatements.split("INSERT INTO t VALUES ('a;b', 'it''s;'); SELECT \"x;y\" FROM t"))
                .containsExactly("INSERT INTO t VALUES ('a;b', 'it''s;')", "SELECT \"x;y\" FROM t");
    }

    @Test
    void leavesDollarQuotedBodiesAlone() {
        String fn = "CREATE FUNCTION f() RETURNS int AS $body$ BEGIN RETURN 1; END; $body$ LANGUAGE plpgsql";
        assertThat(SqlStatements.split(fn + "; SELECT $$a;b$$; SELECT $1"))
                .containsExactly(fn, "SELECT $$a;b$$", "SELECT $1");
    }

    @Test
    void ignoresCommentsAndEmptyStatements() {
        assertThat(SqlStatements.split("-- upsilon:non-transactional\n-- a; comment\nSELECT 1; /* x; /* nested; */ y */"
                + " SELECT 2;;\n-- trailing"))
                .containsExactly("-- upsilon:non-transactional\n-- a; comment\nSELECT 1",
                        "/* x; /* nested; */ y */ SELECT 2");
    }
}
