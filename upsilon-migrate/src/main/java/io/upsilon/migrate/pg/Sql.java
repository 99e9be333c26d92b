package io.upsilon.migrate.pg;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Row;
import io.upsilon.migrate.spi.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** Identifier quoting and the small JDBC helpers both PostgreSQL stores use. */
final class Sql {

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]{0,62}");

    private Sql() {
    }

    /**
     * Quotes a column name or a table name with an optional schema ({@code schema.table}).
     *
     * @throws UpsilonException {@code BAD_INPUT} for anything that is not a plain identifier: nothing from a spec
     *                          reaches SQL unquoted
     */
    static String quote(String name, String what) {
        String[] parts = name == null ? new String[0] : name.split("\\.", -1);
        if (parts.length < 1 || parts.length > 2) {
            throw unsafe(name, what);
        }
        List<String> quoted = new ArrayList<>();
        for (String part : parts) {
            if (!NAME.matcher(part).matches()) {
                throw unsafe(name, what);
            }
            quoted.add('"' + part + '"');
        }
        return String.join(".", quoted);
    }

    private static UpsilonException unsafe(String name, String what) {
        return new UpsilonException(ErrorCode.BAD_INPUT, "unsafe " + what + " '" + name + "': use letters, digits and"
                + " underscores (optionally schema.table)");
    }

    static String columns(List<String> names) {
        return names.stream().map(n -> quote(n, "column")).collect(Collectors.joining(", "));
    }

    /** The fields of a relation or query, from its result metadata (no rows read). */
    static List<Field> describe(Connection c, String from) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM " + from + " LIMIT 0");
             ResultSet rs = ps.executeQuery()) {
            ResultSetMetaData md = rs.getMetaData();
            List<Field> fields = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                fields.add(new Field(md.getColumnLabel(i), md.getColumnTypeName(i)));
            }
            return fields;
        }
    }

    /** Streams every row of a query through a server-side cursor (a read-only transaction, rolled back). */
    static void stream(DataSource dataSource, String sql, java.util.function.Consumer<Row> each) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    ResultSetMetaData md = rs.getMetaData();
                    while (rs.next()) {
                        each.accept(row(rs, md));
                    }
                }
            } finally {
                c.rollback();
            }
        }
    }

    /** A row in text form: PostgreSQL's output format, exact for every type. */
    static Row row(ResultSet rs, ResultSetMetaData md) throws SQLException {
        Row row = new Row();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            row.put(md.getColumnLabel(i), rs.getString(i));
        }
        return row;
    }

    /** The type named in a field list, for casting text parameters; {@code text} when unknown. */
    static String type(List<Field> fields, String name) {
        return fields.stream().filter(f -> f.name().equals(name)).map(Field::type).findFirst().orElse("text");
    }

    /**
     * The rows of {@code from} whose {@code key} columns equal one of {@code keys}: one query, {@code WHERE (key) IN
     * (unnest of the keys)}, the keys sent as text arrays cast to each column's type in {@code described}.
     */
    static List<Row> rowsWithKeys(DataSource dataSource, String from, List<Field> described, List<String> key,
                                  Collection<List<String>> keys) throws SQLException {
        List<Row> rows = new ArrayList<>();
        if (keys.isEmpty()) {
            return rows;
        }
        String arrays = key.stream().map(k -> "?::text[]::" + type(described, k) + "[]")
                .collect(Collectors.joining(", "));
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM " + from + " WHERE (" + columns(key)
                     + ") IN (SELECT * FROM unnest(" + arrays + "))")) {
            for (int i = 0; i < key.size(); i++) {
                int column = i;
                ps.setArray(i + 1, c.createArrayOf("text", keys.stream().map(k -> k.get(column)).toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    rows.add(row(rs, md));
                }
            }
            return rows;
        }
    }

    static boolean isMissingRelation(SQLException e) {
        return "42P01".equals(e.getSQLState()) || "3F000".equals(e.getSQLState());
    }
}
