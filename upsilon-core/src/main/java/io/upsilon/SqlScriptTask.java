package io.upsilon;

import java.sql.Statement;

/**
 * A task that runs a SQL script as one statement batch. The script is transactional unless its text contains the
 * marker {@code -- upsilon:non-transactional}; it can roll back when an undo script ({@code NAME.undo.sql}) sits
 * beside it.
 */
final class SqlScriptTask implements UpgradeTask {

    static final String NON_TRANSACTIONAL_MARKER = "-- upsilon:non-transactional";

    private final String name;
    private final String script;
    private final String undoScript;

    SqlScriptTask(String name, String script, String undoScript) {
        this.name = name;
        this.script = script;
        this.undoScript = undoScript;
    }

    @Override
    public void execute(TaskContext context) throws Exception {
        if (isTransactional()) {
            run(context, script);
        } else {
            // one statement at a time: a multi-statement string would run as one implicit transaction
            for (String statement : SqlStatements.split(script)) {
                run(context, statement);
            }
        }
    }

    @Override
    public void rollback(TaskContext context) throws Exception {
        if (undoScript == null) {
            UpgradeTask.super.rollback(context);
        }
        run(context, undoScript);
    }

    private static void run(TaskContext context, String sql) throws Exception {
        try (Statement statement = context.connection().createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public boolean canRollback() {
        return undoScript != null;
    }

    @Override
    public boolean isTransactional() {
        return !script.contains(NON_TRANSACTIONAL_MARKER);
    }

    @Override
    public String description() {
        return name;
    }
}
