package io.upsilon.migrate.pg;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;

/**
 * The target's idempotent path: rows are {@code COPY}ed into a temporary stage shaped like the table (dropped at
 * commit), then {@code INSERT … SELECT … ON CONFLICT (key) DO UPDATE} replaces the rows whose key exists.
 */
final class Staging {

    static final String STAGE = "pg_temp.upsilon_stage";

    private Staging() {
    }

    /** A fresh, empty stage with {@code cols} (quoted, comma-separated) of {@code table} (quoted). */
    static void create(Connection c, String table, String cols) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + STAGE);
            s.execute("CREATE TEMP TABLE upsilon_stage ON COMMIT DROP AS SELECT " + cols + " FROM " + table
                    + " WITH NO DATA");
        }
    }

    /**
     * Upserts the stage into the table.
     *
     * @param dedupe whether the stage may hold a key twice: then, if it does, only its last row (in copy order) is
     *               kept, since one {@code INSERT … ON CONFLICT} cannot touch a row twice
     */
    static void merge(Connection c, String table, List<String> columns, List<String> key, boolean dedupe)
            throws SQLException {
        if (!dedupe) {
            insert(c, table, columns, key, false);
            return;
        }
        // a key twice is rare (a query source, a table without a unique key): try without the sort it needs first
        Savepoint plain = c.setSavepoint();
        try {
            insert(c, table, columns, key, false);
            c.releaseSavepoint(plain);
        } catch (SQLException e) {
            if (!"21000".equals(e.getSQLState())) { // "ON CONFLICT DO UPDATE command cannot affect row a second time"
                throw e;
            }
            c.rollback(plain);
            insert(c, table, columns, key, true);
        }
    }

    private static void insert(Connection c, String table, List<String> columns, List<String> key, boolean dedupe)
            throws SQLException {
        String cols = Sql.columns(columns);
        List<String> updates = columns.stream().filter(col -> !key.contains(col))
                .map(col -> Sql.quote(col, "column") + " = EXCLUDED." + Sql.quote(col, "column")).toList();
        String conflict = updates.isEmpty() ? "DO NOTHING" : "DO UPDATE SET " + String.join(", ", updates);
        // a stage filled by one COPY into a new table lies in copy order, so the highest ctid is the last row
        String select = dedupe
                ? "SELECT DISTINCT ON (" + Sql.columns(key) + ") " + cols + " FROM " + STAGE + " ORDER BY "
                        + Sql.columns(key) + ", ctid DESC"
                : "SELECT " + cols + " FROM " + STAGE;
        try (Statement s = c.createStatement()) {
            s.execute("INSERT INTO " + table + " (" + cols + ") " + select + " ON CONFLICT (" + Sql.columns(key)
                    + ") " + conflict);
        }
    }
}
