package io.upsilon.postgres.internal;

import io.upsilon.ErrorCode;
import io.upsilon.Texts;
import io.upsilon.UpsilonException;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL script checked as a whole before any of it runs: it must cut into statements by PostgreSQL's rules, and a
 * transactional script must hold no transaction control of its own (its COMMIT would make what came before it
 * permanent, whatever happens after). Runs transactional scripts in batches of statements so that the driver's work
 * per call stays bounded (pgJDBC walks its chain of results once per result: one call of n statements costs n²).
 */
final class SqlScript {

    /** Statements per driver call: enough to save round trips, few enough that the driver's n² stays small. */
    static final int BATCH_STATEMENTS = 64;
    /** Characters per driver call, so that a script of huge statements is not sent as one string. */
    static final int BATCH_CHARS = 1 << 20;

    private final List<SqlLexer.Statement> statements;
    private final boolean transactional;

    private SqlScript(List<SqlLexer.Statement> statements, boolean transactional) {
        this.statements = statements;
        this.transactional = transactional;
    }

    /**
     * Checks {@code text}; {@code where} names the script in errors (e.g. {@code sql/1.0/a.sql}).
     *
     * @throws UpsilonException {@link ErrorCode#INVALID_MANIFEST} naming the line and the remedy
     */
    static SqlScript parse(String where, String text, boolean transactional) {
        List<SqlLexer.Statement> statements;
        try {
            statements = SqlLexer.statements(text);
        } catch (SqlLexer.SyntaxError e) {
            throw new UpsilonException(ErrorCode.INVALID_MANIFEST, "SQL script '" + where + "' " + e.getMessage()
                    + "; nothing of it ran: close the literal, identifier or comment");
        }
        if (transactional) {
            TransactionControl.find(statements).ifPresent(s -> {
                throw new UpsilonException(ErrorCode.INVALID_MANIFEST, "SQL script '" + where + "' line " + s.line()
                        + ": '" + Texts.clip(s.text(), 60) + "' is transaction control, which would end the"
                        + " transaction the task runs in and make it non-atomic; nothing of it ran: remove it (the"
                        + " script already runs in one transaction), or mark the script '"
                        + SqlScriptTask.NON_TRANSACTIONAL_MARKER + "' (it then runs statement by statement and must"
                        + " be idempotent)");
            });
        }
        return new SqlScript(statements, transactional);
    }

    boolean transactional() {
        return transactional;
    }

    /** The statements one by one. */
    List<String> statements() {
        return statements.stream().map(SqlLexer.Statement::text).toList();
    }

    /**
     * The statements grouped into driver calls of at most {@link #BATCH_STATEMENTS} statements and about
     * {@link #BATCH_CHARS} characters; a statement with a {@code BEGIN ATOMIC} body goes alone, since pgJDBC stops
     * splitting at the first one, and so does one that changes {@code standard_conforming_strings}.
     */
    List<String> batches() {
        List<String> batches = new ArrayList<>();
        StringBuilder batch = new StringBuilder();
        int count = 0;
        for (SqlLexer.Statement statement : statements) {
            // pgJDBC cuts a call's text by the standard_conforming_strings in force before the call
            boolean alone = statement.atomicBody() || setsStringSyntax(statement);
            if (count > 0 && (alone || count >= BATCH_STATEMENTS
                    || batch.length() + statement.text().length() > BATCH_CHARS)) {
                batches.add(batch.toString());
                batch.setLength(0);
                count = 0;
            }
            // a newline before the semicolon: the statement may end in a -- comment
            batch.append(count == 0 ? "" : "\n;\n").append(statement.text());
            count++;
            if (alone) {
                batches.add(batch.toString());
                batch.setLength(0);
                count = 0;
            }
        }
        if (count > 0) {
            batches.add(batch.toString());
        }
        return batches;
    }

    private static boolean setsStringSyntax(SqlLexer.Statement statement) {
        return (statement.words().get(0).equals("SET") || statement.words().get(0).equals("RESET"))
                && statement.words().contains("STANDARD_CONFORMING_STRINGS");
    }
}
