package io.upsilon.postgres.internal;

import io.upsilon.UpgradeTask;
import io.upsilon.spi.ScriptTaskFactory;

/**
 * The manifest's {@code *.sql} entries as PostgreSQL scripts ({@link SqlScriptTask}): cut by PostgreSQL's lexical
 * rules (dollar quotes, nested comments, {@code BEGIN ATOMIC} bodies) and checked whole before any statement runs.
 * Listed in {@code META-INF/services/io.upsilon.spi.ScriptTaskFactory}.
 */
public final class PgScriptTaskFactory implements ScriptTaskFactory {

    @Override
    public UpgradeTask create(String name, String script, String undoScript) {
        return SqlScriptTask.of(name, script, undoScript);
    }
}
