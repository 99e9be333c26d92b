package io.upsilon.reliability.node;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.Manifest;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.Version;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;

/**
 * The crash manifests. Both start at {@code 1.0} with 200 accounts; {@code 1.1} reshapes them in eight steps
 * (add and fill an e-mail column, an audit table, an index, a constraint), either as one transactional task
 * ({@code crash-tx}) or as an idempotent non-transactional one in auto-commit mode ({@code crash-nontx}), as a
 * batched backfill with {@code CREATE INDEX CONCURRENTLY} must be. Each step is followed by {@code STEP} and a
 * sleep, so a kill can land between any two of them.
 */
final class CrashTasks {

    static final int STEPS = 8;

    private CrashTasks() {
    }

    static Manifest manifest(boolean transactional) {
        TaskDefinition seed = TaskDefinition.of(Version.parse("1.0"), "seed", Seed::new);
        TaskDefinition reshape = transactional
                ? TaskDefinition.of(Version.parse("1.1"), "reshape", Reshape::new)
                : TaskDefinition.of(Version.parse("1.1"), "backfill", Backfill::new);
        return Manifest.of(transactional ? "crash-tx" : "crash-nontx", List.of(seed, reshape));
    }

    /** The before state's data: 200 accounts. */
    static final class Seed extends BaseUpgradeTask {
        @Override
        public void execute(TaskContext context) throws Exception {
            run(context.connection(), "CREATE TABLE accounts (id int PRIMARY KEY, name text NOT NULL)",
                    "INSERT INTO accounts SELECT i, 'name-' || i FROM generate_series(1, 200) i");
        }
    }

    /** Eight steps in one transaction: a kill at any point must leave none of them. */
    static final class Reshape extends BaseUpgradeTask {
        @Override
        public void execute(TaskContext context) throws Exception {
            Connection c = context.connection();
            Slowness.announce("reshape");
            String[] steps = {
                "ALTER TABLE accounts ADD COLUMN email text",
                "UPDATE accounts SET email = 'user' || id || '@example.org'",
                "CREATE TABLE audit (account int PRIMARY KEY REFERENCES accounts (id), note text NOT NULL)",
                "INSERT INTO audit SELECT id, 'reshaped' FROM accounts WHERE id % 10 = 0",
                "CREATE INDEX accounts_email ON accounts (email)",
                "ALTER TABLE accounts ALTER COLUMN email SET NOT NULL",
                "ALTER TABLE accounts RENAME COLUMN name TO full_name",
                "CREATE VIEW account_emails AS SELECT id, email FROM accounts"};
            for (int i = 0; i < steps.length; i++) {
                run(c, steps[i]);
                Slowness.stepDone("reshape", i + 1);
            }
            Slowness.tail();
        }
    }

    /** Eight auto-committed, idempotent steps: a successor runs them all again and must reach the same state. */
    static final class Backfill extends BaseUpgradeTask {
        @Override
        public boolean isTransactional() {
            return false;
        }

        @Override
        public void execute(TaskContext context) throws Exception {
            Connection c = context.connection();
            Slowness.announce("backfill");
            run(c, "ALTER TABLE accounts ADD COLUMN IF NOT EXISTS email text");
            Slowness.stepDone("backfill", 1);
            for (int batch = 0; batch < 4; batch++) {
                run(c, "UPDATE accounts SET email = 'user' || id || '@example.org' WHERE id > " + batch * 50
                        + " AND id <= " + (batch + 1) * 50 + " AND email IS NULL");
                Slowness.stepDone("backfill", 2 + batch);
            }
            index(c);
            Slowness.stepDone("backfill", 6);
            run(c, "CREATE TABLE IF NOT EXISTS audit (account int PRIMARY KEY REFERENCES accounts (id),"
                    + " note text NOT NULL)", "INSERT INTO audit SELECT id, 'reshaped' FROM accounts"
                    + " WHERE id % 10 = 0 ON CONFLICT (account) DO NOTHING");
            Slowness.stepDone("backfill", 7);
            run(c, "ALTER TABLE accounts ALTER COLUMN email SET NOT NULL");
            Slowness.stepDone("backfill", 8);
            Slowness.tail();
        }

        /** A concurrent build cut short leaves an INVALID index that IF NOT EXISTS would keep: drop it first. */
        private static void index(Connection c) throws Exception {
            boolean invalid;
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT coalesce((SELECT NOT"
                    + " indisvalid FROM pg_index WHERE indexrelid = to_regclass('accounts_email')), false)")) {
                rs.next();
                invalid = rs.getBoolean(1);
            }
            if (invalid) {
                run(c, "DROP INDEX CONCURRENTLY IF EXISTS accounts_email");
            }
            run(c, "CREATE INDEX CONCURRENTLY IF NOT EXISTS accounts_email ON accounts (email)");
        }
    }

    private static void run(Connection c, String... statements) throws Exception {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
