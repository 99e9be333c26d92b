package io.upsilon.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Every literal form of PostgreSQL's lexer, where the old splitter cut inside some of them (issue 13, item 4). */
class SqlLexerTest {

    @Test
    void escapeStringsTakeBackslashEscapes() {
        assertThat(SqlStatements.split("SELECT E'it\\'s; tricky'; SELECT e'\\\\'; SELECT 2"))
                .containsExactly("SELECT E'it\\'s; tricky'", "SELECT e'\\\\'", "SELECT 2");
    }

    @Test
    void anEBeforeAQuoteInsideAnIdentifierIsNoEscapeString() {
        // "typE" is one identifier, so the string after it is a standard one: the backslash is plain text
        assertThat(SqlStatements.split("SELECT 'a\\' AS typE; SELECT 1"))
                .containsExactly("SELECT 'a\\' AS typE", "SELECT 1");
        assertThat(SqlStatements.split("SELECT somE'\\'; SELECT 1")).containsExactly("SELECT somE'\\'", "SELECT 1");
    }

    @Test
    void standardConformingStringsOffMakesPlainStringsTakeBackslashes() {
        assertThat(SqlStatements.split("SET standard_conforming_strings = off; SELECT 'a\\'; b'; "
                + "SET standard_conforming_strings TO on; SELECT 'c\\'; SELECT 2"))
                .containsExactly("SET standard_conforming_strings = off", "SELECT 'a\\'; b'",
                        "SET standard_conforming_strings TO on", "SELECT 'c\\'", "SELECT 2");
    }

    @Test
    void dollarQuotesNeedTheirOwnTagAndTagsDoNotStartWithADigit() {
        assertThat(SqlStatements.split("SELECT $a$ $$; $b$ ; $a$; SELECT $1; SELECT a$b$c; SELECT $_x$;$_x$"))
                .containsExactly("SELECT $a$ $$; $b$ ; $a$", "SELECT $1", "SELECT a$b$c", "SELECT $_x$;$_x$");
    }

    @Test
    void unicodeStringsBitStringsAndQuotedIdentifiers() {
        assertThat(SqlStatements.split("SELECT U&'d\\0061t;a' UESCAPE '!'; SELECT u&\"a;\"\"b\"; SELECT B'1;0', "
                + "X'1;F', N'n;'; SELECT \"x\"\";\""))
                .containsExactly("SELECT U&'d\\0061t;a' UESCAPE '!'", "SELECT u&\"a;\"\"b\"",
                        "SELECT B'1;0', X'1;F', N'n;'", "SELECT \"x\"\";\"");
    }

    @Test
    void nestedCommentsAndLineComments() {
        assertThat(SqlStatements.split("SELECT 1 /* a /* b; */ c; */ ; -- x;\nSELECT 2 -- end"))
                .containsExactly("SELECT 1 /* a /* b; */ c; */", "-- x;\nSELECT 2 -- end");
    }

    @Test
    void beginAtomicBodiesKeepTheirSemicolons() {
        String f = "CREATE OR REPLACE FUNCTION f(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT CASE WHEN x > 0"
                + " THEN 1 ELSE 2 END; SELECT x; END";
        String p = "create procedure p() language sql begin atomic insert into t values (1); end";
        assertThat(SqlStatements.split(f + "; " + p + ";\nSELECT 3"))
                .containsExactly(f, p, "SELECT 3");
        assertThat(SqlLexer.statements(f).get(0).atomicBody()).isTrue();
    }

    @Test
    void parenthesesHoldSemicolonsAsPsqlDoes() {
        assertThat(SqlStatements.split("CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b); SELECT 1"))
                .containsExactly("CREATE RULE r AS ON INSERT TO t DO ALSO (NOTIFY a; NOTIFY b)", "SELECT 1");
    }

    @Test
    void anUnterminatedLiteralRefusesTheWholeScript() {
        assertThatThrownBy(() -> SqlStatements.split("SELECT 1;\nSELECT 'open"))
                .isInstanceOf(SqlLexer.SyntaxError.class).hasMessageContaining("line 2").hasMessageContaining("string");
        assertThatThrownBy(() -> SqlStatements.split("SELECT $t$ x")).hasMessageContaining("dollar");
        assertThatThrownBy(() -> SqlStatements.split("/* /* */")).hasMessageContaining("comment");
        assertThatThrownBy(() -> SqlStatements.split("SELECT \"x")).hasMessageContaining("identifier");
    }

    @Test
    void wordsSkipCommentsAndMarkStatementsThatStartWithoutOne() {
        assertThat(SqlLexer.statements("/* c */ -- d\n  commit AND chain; (SELECT 1)"))
                .extracting(SqlLexer.Statement::words)
                .containsExactly(java.util.List.of("COMMIT", "AND", "CHAIN"), java.util.List.of("", "SELECT"));
    }
}
