package io.upsilon.postgres;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.Manifest;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.UpgradeTask;
import io.upsilon.Version;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Small task builders for engine tests: SQL run on the task's connection, with or without a rollback. */
final class Tasks {

    private Tasks() {
    }

    static TaskDefinition sql(String version, String name, String sql) {
        return sql(version, name, sql, null);
    }

    static TaskDefinition sql(String version, String name, String sql, String undo) {
        return TaskDefinition.of(Version.parse(version), name, () -> new SqlTask(sql, undo, true));
    }

    static TaskDefinition nonTransactional(String version, String name, String sql) {
        return TaskDefinition.of(Version.parse(version), name, () -> new SqlTask(sql, null, false));
    }

    static TaskDefinition of(String version, String name, UpgradeTask task) {
        return TaskDefinition.of(Version.parse(version), name, () -> task);
    }

    static Manifest manifest(TaskDefinition... tasks) {
        return Manifest.of("test", new ArrayList<>(List.of(tasks)));
    }

    static void run(TaskContext context, String sql) throws Exception {
        try (Statement s = context.connection().createStatement()) {
            s.execute(sql);
        }
    }

    /** A SQL task; {@code undo} null means no rollback. */
    static final class SqlTask extends BaseUpgradeTask {
        private final String sql;
        private final String undo;
        private final boolean transactional;

        SqlTask(String sql, String undo, boolean transactional) {
            this.sql = sql;
            this.undo = undo;
            this.transactional = transactional;
        }

        @Override
        public void execute(TaskContext context) throws Exception {
            run(context, sql);
        }

        @Override
        public void rollback(TaskContext context) throws Exception {
            run(context, undo);
        }

        @Override
        public boolean canRollback() {
            return undo != null;
        }

        @Override
        public boolean isTransactional() {
            return transactional;
        }
    }
}
