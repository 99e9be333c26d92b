package io.upsilon.tenant;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.Manifest;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.Version;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The manifest of a small mod-transfers, with a switch to make its 2.0.0 upgrade fail for chosen schemas. */
final class TransfersModule {

    /** Schemas whose 2.0.0 upgrade fails half-way (after it already changed things). */
    static final Set<String> FAIL_FOR = ConcurrentHashMap.newKeySet();

    private TransfersModule() {
    }

    static void sql(TaskContext c, String sql) throws Exception {
        try (Statement s = c.connection().createStatement()) {
            s.execute(sql);
        }
    }

    /** A task given as SQL and, optionally, its undo. */
    static TaskDefinition task(String version, String name, String sql, String undo) {
        return TaskDefinition.of(Version.parse(version), name, () -> new BaseUpgradeTask() {
            @Override
            public void execute(TaskContext c) throws Exception {
                sql(c, sql);
            }

            @Override
            public void rollback(TaskContext c) throws Exception {
                sql(c, undo);
            }

            @Override
            public boolean canRollback() {
                return undo != null;
            }
        });
    }

    static Manifest manifest() {
        return Manifest.of("mod-transfers", List.of(
                task("1.0.0", "create", "CREATE TABLE transfers (id int PRIMARY KEY, amount numeric NOT NULL);"
                        + " INSERT INTO transfers SELECT g, g * 10 FROM generate_series(1, 20) g", "DROP TABLE transfers"),
                task("2.0.0", "add-quote", "ALTER TABLE transfers ADD COLUMN quote_id text;"
                        + " UPDATE transfers SET quote_id = 'q' || id; CREATE INDEX transfers_quote ON transfers (quote_id)",
                        "DROP INDEX transfers_quote; ALTER TABLE transfers DROP COLUMN quote_id"),
                TaskDefinition.of(Version.parse("2.0.0"), "check", () -> new BaseUpgradeTask() {
                    @Override
                    public void execute(TaskContext c) throws Exception {
                        try (Statement s = c.connection().createStatement();
                             ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                            rs.next();
                            if (FAIL_FOR.contains(rs.getString(1))) {
                                throw new IllegalStateException("injected failure in " + rs.getString(1));
                            }
                        }
                    }

                    @Override
                    public void rollback(TaskContext c) {
                    }
                }),
                task("2.0.1", "not-null", "ALTER TABLE transfers ALTER COLUMN quote_id SET NOT NULL", null)));
    }
}
