package io.upsilon.bench;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * {@code ready-flyway PORT DB NODE TASK_MS MIGRATIONS_DIR}: one Flyway 10 service node for the {@code ready}
 * benchmark. A Flyway service runs {@code migrate()} at start-up and takes traffic when it returns, so that is
 * when it prints {@code READY ms}. {@code V1__base.sql} (the runs table, applied by the harness before the race) is in
 * the {@code filesystem:} location; the one pending migration is the Java migration {@code V1_1__SlowTask} that takes
 * {@code TASK_MS}. Default configuration: Flyway's PostgreSQL advisory lock and its lock retry.
 */
final class ReadyFlywayNode {

    private ReadyFlywayNode() {
    }

    static String node;
    static long taskMillis;

    /** The pending migration: the same work as Upsilon's 1.1 task, in Flyway's (transactional) Java migration. */
    public static final class V1_1__SlowTask extends BaseJavaMigration {
        @Override
        public void migrate(Context context) throws Exception {
            ReadyNode.runTask(context.getConnection(), node, taskMillis);
        }
    }

    /** The configuration both the harness (baseline, without the Java migration) and the nodes use. */
    static Flyway flyway(DataSource ds, Path migrations, boolean withPending) {
        var configure = Flyway.configure().dataSource(ds).locations("filesystem:" + migrations.toAbsolutePath());
        if (withPending) {
            configure.javaMigrations(new V1_1__SlowTask());
        }
        return configure.load();
    }

    static void main(String[] args) throws Exception {
        DataSource ds = Child.dataSource(Integer.parseInt(args[0]), args[1]);
        node = args[2];
        taskMillis = Long.parseLong(args[3]);
        Flyway flyway = flyway(ds, Path.of(args[4]), true);
        ReadyNode.awaitGo();
        MigrateResult result = flyway.migrate();
        long ready = System.currentTimeMillis();
        ReadyNode.say("READY " + ready);
        ReadyNode.say("EXECUTED " + result.migrationsExecuted);
        ReadyNode.awaitEnd();
    }
}
