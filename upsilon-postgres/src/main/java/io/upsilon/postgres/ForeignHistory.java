package io.upsilon.postgres;

import io.upsilon.ErrorCode;
import io.upsilon.ForeignMigration;
import io.upsilon.ForeignMigration.Tool;
import io.upsilon.ForeignMigration.Type;
import io.upsilon.UpsilonException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Reads another migration tool's history table, for {@link io.upsilon.Upsilon#baseline(List)}: Flyway's
 * {@code flyway_schema_history} or Liquibase's {@code databasechangelog}. Read-only.
 */
public final class ForeignHistory {

    /** Flyway's default history table. */
    public static final String FLYWAY_TABLE = "flyway_schema_history";
    /** Liquibase's default history table (created unquoted, so lower case in PostgreSQL). */
    public static final String LIQUIBASE_TABLE = "databasechangelog";

    private static final Pattern TABLE = Pattern.compile("([A-Za-z_][A-Za-z0-9_$]*\\.)?[A-Za-z_][A-Za-z0-9_$]*");

    private ForeignHistory() {
    }

    /**
     * The rows of Flyway's history in {@code table} ({@code [schema.]name}, resolved through the
     * {@code search_path} when unqualified), in installed order. Rows that Flyway's repair marked deleted are left
     * out, together with the migration they delete.
     *
     * @throws UpsilonException {@link ErrorCode#BASELINE_REFUSED} when the table does not exist or holds undo rows,
     *                          {@link ErrorCode#BAD_INPUT} for a table name that is not one
     */
    public static List<ForeignMigration> flyway(DataSource dataSource, String table) {
        List<ForeignMigration> rows = new ArrayList<>();
        Set<String> deleted = new HashSet<>();
        query(dataSource, table, "Flyway", "SELECT version, type, script, checksum, success, installed_on FROM "
                + checked(table) + " ORDER BY installed_rank", rs -> {
                    String version = rs.getString(1);
                    String type = rs.getString(2).toUpperCase(Locale.ROOT);
                    if (type.equals("DELETE")) {
                        deleted.add(version + "|" + rs.getString(3));
                        return;
                    }
                    if (type.startsWith("UNDO")) {
                        throw new UpsilonException(ErrorCode.BASELINE_REFUSED, "baseline refused: " + table + " holds"
                                + " Flyway undo rows (" + rs.getString(3) + "); bring the database forward with Flyway"
                                + " first, or use 'upsilon baseline --baseline-version V'");
                    }
                    Type kind = switch (type) {
                        case "BASELINE" -> Type.BASELINE;
                        case "SCHEMA" -> Type.SCHEMA;
                        default -> version == null ? Type.REPEATABLE : Type.VERSIONED;
                    };
                    Integer checksum = (Integer) rs.getObject(4);
                    rows.add(new ForeignMigration(Tool.FLYWAY, kind, Optional.ofNullable(version), rs.getString(3),
                            Optional.empty(), Optional.empty(), Optional.ofNullable(checksum).map(String::valueOf),
                            rs.getBoolean(5), instant(rs.getTimestamp(6))));
                });
        rows.removeIf(r -> deleted.contains(r.version().orElse(null) + "|" + r.script()));
        return rows;
    }

    /**
     * The changesets of Liquibase's history in {@code table}, in execution order; {@code SKIPPED} ones are left out,
     * {@code FAILED} ones kept (as not succeeded) for the baseline to refuse.
     *
     * @throws UpsilonException {@link ErrorCode#BASELINE_REFUSED} when the table does not exist
     */
    public static List<ForeignMigration> liquibase(DataSource dataSource, String table) {
        List<ForeignMigration> rows = new ArrayList<>();
        query(dataSource, table, "Liquibase", "SELECT id, author, filename, exectype, dateexecuted FROM "
                + checked(table) + " ORDER BY orderexecuted, dateexecuted", rs -> {
                    String exec = rs.getString(4) == null ? "EXECUTED" : rs.getString(4).toUpperCase(Locale.ROOT);
                    if (exec.equals("SKIPPED")) {
                        return;
                    }
                    rows.add(new ForeignMigration(Tool.LIQUIBASE, Type.CHANGESET, Optional.empty(), rs.getString(3),
                            Optional.of(rs.getString(1)), Optional.of(rs.getString(2)), Optional.empty(),
                            !exec.equals("FAILED"), instant(rs.getTimestamp(5))));
                });
        return rows;
    }

    private static Instant instant(Timestamp at) {
        return at == null ? Instant.EPOCH : at.toInstant();
    }

    private static String checked(String table) {
        if (table == null || !TABLE.matcher(table).matches()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "history table '" + table + "' is not a table name; write"
                    + " it as NAME or SCHEMA.NAME (letters, digits, '_')");
        }
        return table;
    }

    private static void query(DataSource dataSource, String table, String tool, String sql, Row row) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql);
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                row.read(rs);
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState())) {
                throw new UpsilonException(ErrorCode.BASELINE_REFUSED, "baseline refused: there is no " + tool
                        + " history table " + table + " in this database; name it with --history-table SCHEMA.TABLE"
                        + " (as configured for " + tool + "), or use 'upsilon baseline --baseline-version V'", e);
            }
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot read " + tool + "'s history table " + table
                    + ": " + e.getMessage() + " (SQLSTATE " + e.getSQLState() + "); check that the user may read it",
                    e);
        }
    }

    @FunctionalInterface
    private interface Row {
        void read(ResultSet rs) throws SQLException;
    }
}
