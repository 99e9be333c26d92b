package io.upsilon.testsupport;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A deterministic text dump of every user schema object from the catalog: relations with their kind, columns with
 * type, nullability and default, constraints and index definitions. Two dumps are equal exactly when a test's
 * DDL left nothing behind, without needing {@code pg_dump} on the machine.
 */
public final class SchemaDump {

    private static final String QUERY = """
            SELECT 'relation ' || n.nspname || '.' || c.relname || ' ' || c.relkind
              FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
            UNION ALL
            SELECT 'column ' || table_schema || '.' || table_name || '.' || column_name || ' ' || data_type
                   || ' null=' || is_nullable || ' default=' || coalesce(column_default, '')
              FROM information_schema.columns WHERE table_schema NOT IN ('pg_catalog', 'information_schema')
            UNION ALL
            SELECT 'constraint ' || n.nspname || '.' || con.conname || ' ' || pg_get_constraintdef(con.oid)
              FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
            UNION ALL
            SELECT 'index ' || schemaname || '.' || indexname || ' ' || indexdef
              FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema')
            UNION ALL
            SELECT 'schema ' || nspname FROM pg_namespace
             WHERE nspname NOT IN ('pg_catalog', 'information_schema') AND nspname NOT LIKE 'pg_t%'
            ORDER BY 1
            """;

    private SchemaDump() {
    }

    public static String of(DataSource dataSource) {
        StringBuilder out = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(QUERY)) {
            while (rs.next()) {
                out.append(rs.getString(1)).append('\n');
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot dump the schema: " + e.getMessage(), e);
        }
        return out.toString();
    }
}
