package io.upsilon.reliability.faults;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.Manifest;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.Version;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;

/**
 * The connection-loss scenario's schema and tasks. Version 1.0 creates {@code ledger} with {@link #ROWS} rows of
 * balance {@code id * 100}; version 1.1 adds a {@code fee} column and bumps every balance by exactly one, in
 * batches, then (for the node under attack) holds its connections open until they are cut.
 *
 * <p>The bump is deliberately not idempotent in the transactional task ({@code balance + 1} everywhere), so a
 * task applied twice shows as a balance of {@code id * 100 + 2}; the non-transactional task guards each batch with
 * {@code fee IS NULL} in the same statement, as an idempotent batched backfill must, and is resumed after a loss.
 */
public final class Ledger {

    /** The rows of {@code ledger}; each batch of {@link #BATCH} rows is one statement. */
    public static final int ROWS = 200;
    public static final int BATCH = 10;
    /** The pause between batches, so that a strike can land between any two of them. */
    public static final long PAUSE_MILLIS = 20;
    /** A held task that is never struck gives up after this long, so a broken strike fails the run loudly. */
    private static final long HOLD_LIMIT_MILLIS = 120_000;

    /** Which 1.1 task the scenario attacks. */
    public enum Kind { TRANSACTIONAL, NON_TRANSACTIONAL }

    public static final Version BEFORE = Version.parse("1.0");
    public static final Version AFTER = Version.parse("1.1");

    private Ledger() {
    }

    /**
     * The manifest: {@code create} (1.0) and the 1.1 task of {@code kind}. The 1.1 task calls {@code inTask} once its
     * DDL is done and, while {@code hold} answers true after its batches, keeps its connection busy with short
     * sleeps until the connection is cut.
     */
    public static Manifest manifest(Kind kind, BooleanSupplier hold, Runnable inTask) {
        return Manifest.of("ledger-" + kind, List.of(
                TaskDefinition.of(BEFORE, "create", () -> new BaseUpgradeTask() {
                    @Override
                    public void execute(TaskContext context) throws Exception {
                        sql(context.connection(), "CREATE TABLE ledger (id int PRIMARY KEY, balance bigint NOT NULL);"
                                + " INSERT INTO ledger SELECT i, i * 100 FROM generate_series(1, " + ROWS + ") i;"
                                + " CREATE TABLE effects (version text NOT NULL, node text NOT NULL, token bigint)");
                    }
                }),
                TaskDefinition.of(AFTER, kind == Kind.TRANSACTIONAL ? "bump" : "backfill",
                        () -> new Bump(kind == Kind.TRANSACTIONAL, hold, inTask))));
    }

    /** The 1.1 task: add {@code fee}, bump each balance once in batches, record its effect, maybe hold. */
    static final class Bump extends BaseUpgradeTask {
        private final boolean transactional;
        private final BooleanSupplier hold;
        private final Runnable inTask;

        Bump(boolean transactional, BooleanSupplier hold, Runnable inTask) {
            this.transactional = transactional;
            this.hold = hold;
            this.inTask = inTask;
        }

        @Override
        public boolean isTransactional() {
            return transactional;
        }

        @Override
        public void execute(TaskContext context) throws Exception {
            Connection c = context.connection();
            sql(c, "ALTER TABLE ledger ADD COLUMN " + (transactional ? "" : "IF NOT EXISTS ") + "fee bigint");
            // a log row per run that reached this point; it commits with the task only when the task is transactional
            sql(c, "INSERT INTO effects VALUES ('" + context.to() + "', '" + context.nodeId() + "', "
                    + context.fencingToken() + ")");
            inTask.run();
            for (int from = 1; from <= ROWS; from += BATCH) {
                sql(c, "UPDATE ledger SET balance = balance + 1, fee = 1 WHERE id BETWEEN " + from + " AND "
                        + (from + BATCH - 1) + (transactional ? "" : " AND fee IS NULL"));
                sql(c, "SELECT pg_sleep(" + PAUSE_MILLIS / 1000.0 + ")");
            }
            long heldSince = System.currentTimeMillis();
            while (hold.getAsBoolean()) {
                if (System.currentTimeMillis() - heldSince > HOLD_LIMIT_MILLIS) {
                    throw new IllegalStateException("held the task for " + HOLD_LIMIT_MILLIS + " ms and its"
                            + " connection was never cut: the strike missed");
                }
                sql(c, "SELECT pg_sleep(0.05)");
            }
        }
    }

    private static void sql(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Rows bumped more than once: a task's effect applied twice. */
    public static long doubleBumped(DataSource ds) throws SQLException {
        return count(ds, "SELECT count(*) FROM ledger WHERE balance > id * 100 + 1");
    }

    /** Rows not in the after state (bumped exactly once, fee set); 0 once the upgrade completed. */
    public static long notAfter(DataSource ds) throws SQLException {
        return count(ds, "SELECT count(*) FROM ledger WHERE balance <> id * 100 + 1 OR fee IS DISTINCT FROM 1");
    }

    /** Rows not in the before state (balance {@code id * 100}); 0 after a transactional task was cut off. */
    public static long notBefore(DataSource ds) throws SQLException {
        return count(ds, "SELECT count(*) FROM ledger WHERE balance <> id * 100");
    }

    /** Committed effect rows of the 1.1 task. */
    public static long effects(DataSource ds) throws SQLException {
        return count(ds, "SELECT count(*) FROM effects");
    }

    static long count(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
