package io.upsilon.postgres.internal;

import java.util.List;

/**
 * Splits a PostgreSQL script into statements by PostgreSQL's lexical rules ({@link SqlLexer}). Needed for
 * non-transactional scripts: the driver would send a multi-statement string as one implicit transaction, which
 * {@code CREATE INDEX CONCURRENTLY} refuses.
 */
final class SqlStatements {

    private SqlStatements() {
    }

    /** The statements' texts; throws {@link SqlLexer.SyntaxError} when the script cannot be cut. */
    static List<String> split(String script) {
        return SqlLexer.statements(script).stream().map(SqlLexer.Statement::text).toList();
    }
}
