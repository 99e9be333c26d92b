package io.upsilon.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A database of its own on the shared embedded server.
 *
 * @param name the database name
 * @param port the server's port on localhost
 */
public record TestDatabase(String name, int port) {

    /** A JDBC URL for this database (user {@code postgres}, no password). */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + name + "?user=postgres";
    }

    /** A non-pooled data source; every {@code getConnection()} opens a new session. */
    public DataSource dataSource() {
        return dataSource("upsilon-test");
    }

    /** A data source whose sessions carry {@code applicationName} in {@code pg_stat_activity}. */
    public PGSimpleDataSource dataSource(String applicationName) {
        return PostgresFixture.dataSource(name, port, applicationName);
    }

    /** Runs one or more SQL statements in auto-commit mode. */
    public void execute(String sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** The first column of the first row of a query, or null when there is no row. */
    public Object queryOne(String sql) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getObject(1) : null;
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + sql + ": " + e.getMessage(), e);
        }
    }

    /** A text dump of the schema (see {@link SchemaDump}), for before/after comparisons. */
    public String schemaDump() {
        return SchemaDump.of(dataSource());
    }
}
