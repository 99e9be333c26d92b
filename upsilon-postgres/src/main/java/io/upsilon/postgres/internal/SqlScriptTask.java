package io.upsilon.postgres.internal;

import io.upsilon.TaskContext;
import io.upsilon.UpgradeTask;
import io.upsilon.UpsilonException;
import java.sql.Statement;

/**
 * A task that runs a SQL script. The script is transactional unless its text contains the marker
 * {@code -- upsilon:non-transactional}; it can roll back when an undo script ({@code NAME.undo.sql}) sits beside
 * it. Both are checked whole ({@link SqlScript}) before any statement runs.
 */
final class SqlScriptTask implements UpgradeTask {

    static final String NON_TRANSACTIONAL_MARKER = "-- upsilon:non-transactional";

    private final String name;
    private final SqlScript script;
    private final SqlScript undoScript;

    SqlScriptTask(String name, SqlScript script, SqlScript undoScript) {
        this.name = name;
        this.script = script;
        this.undoScript = undoScript;
    }

    /**
     * The task of a script's text and its undo script's (null when it has none), both checked whole.
     *
     * @throws UpsilonException {@code INVALID_MANIFEST} naming the script when it does not split or controls its own
     *                          transaction
     */
    static SqlScriptTask of(String name, String text, String undoText) {
        boolean transactional = isTransactional(text);
        return new SqlScriptTask(name, SqlScript.parse(name, text, transactional), undoText == null ? null
                : SqlScript.parse(name.substring(0, name.length() - 4) + ".undo.sql", undoText, transactional));
    }

    /** Whether a script's text marks it non-transactional. */
    static boolean isTransactional(String text) {
        return !text.contains(NON_TRANSACTIONAL_MARKER);
    }

    @Override
    public void execute(TaskContext context) throws Exception {
        run(context, script);
    }

    @Override
    public void rollback(TaskContext context) throws Exception {
        if (undoScript == null) {
            UpgradeTask.super.rollback(context);
        }
        run(context, undoScript);
    }

    private static void run(TaskContext context, SqlScript sql) throws Exception {
        // transactional: batches in the task's transaction; otherwise one statement at a time, as a multi-statement
        // string would run as one implicit transaction
        try (Statement statement = context.connection().createStatement()) {
            statement.setEscapeProcessing(false); // a script is PostgreSQL's SQL, not JDBC's {fn …} escapes
            for (String batch : sql.transactional() ? sql.batches() : sql.statements()) {
                statement.execute(batch);
            }
        }
    }

    @Override
    public boolean canRollback() {
        return undoScript != null;
    }

    @Override
    public boolean isTransactional() {
        return script.transactional();
    }

    @Override
    public String description() {
        return name;
    }
}
