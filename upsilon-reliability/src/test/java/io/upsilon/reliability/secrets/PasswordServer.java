package io.upsilon.reliability.secrets;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * An embedded PostgreSQL of its own that really demands a password: role {@value #ROLE} logs in only with the
 * canary password (scram-sha-256 over TCP), and owns the databases {@value #APP}, {@value #SOURCE} and
 * {@value #TARGET}. The superuser {@code postgres} stays trusted, so that the test can set up and read everything
 * back without a password of its own. The server's own log is PostgreSQL's, not ours, and is not inspected.
 */
public final class PasswordServer implements AutoCloseable {

    public static final String ROLE = "app";
    public static final String APP = "app";
    public static final String SOURCE = "src";
    public static final String TARGET = "dst";

    private static final String HBA = """
            # the test's superuser is trusted: it sets up and reads back without a password of its own
            host all postgres 127.0.0.1/32 trust
            host all postgres ::1/128 trust
            # every other user must prove its password
            host all all 127.0.0.1/32 scram-sha-256
            host all all ::1/128 scram-sha-256
            """;

    private final EmbeddedPostgres postgres;

    private PasswordServer(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    /** Starts a server, creates the role with {@code password} and its databases, and switches on the password. */
    public static PasswordServer start(String password) {
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder().setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off").setServerConfig("full_page_writes", "off")
                    .setServerConfig("password_encryption", "scram-sha-256").start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        PasswordServer server = new PasswordServer(postgres);
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            // CREATE ROLE takes no parameters; the only character a standard string literal must escape is '
            s.execute("CREATE ROLE " + ROLE + " LOGIN PASSWORD '" + password.replace("'", "''") + "'");
            for (String db : List.of(APP, SOURCE, TARGET)) {
                s.execute("CREATE DATABASE " + db + " OWNER " + ROLE);
            }
            Path hba = Path.of(server.queryOne(s, "SHOW hba_file"));
            Files.writeString(hba, HBA);
            server.queryOne(s, "SELECT pg_reload_conf()");
        } catch (SQLException | IOException e) {
            server.close();
            throw new IllegalStateException("cannot set up the password-protected server", e);
        }
        return server;
    }

    private String queryOne(Statement s, String sql) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The URL the CLI is given: user in the URL, no password (the CLI refuses one there). */
    public String url(String database) {
        return url(port(), database);
    }

    /** The same for a server on {@code port}, for processes that only know the port. */
    public static String url(int port, String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database + "?user=" + ROLE;
    }

    /** A data source as {@value #ROLE} with {@code password} (null for none), as an application would build it. */
    public PGSimpleDataSource dataSource(String database, String password) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(url(database));
        ds.setApplicationName("secrets-it");
        if (password != null) {
            ds.setPassword(password);
        }
        return ds;
    }

    /** The superuser's data source, trusted, for set-up and read-back. */
    public PGSimpleDataSource admin(String database) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl("jdbc:postgresql://localhost:" + port() + "/" + database + "?user=postgres");
        return ds;
    }

    /**
     * Every row of every table of {@code database} outside the system schemas, as {@code schema.table: row text}:
     * Upsilon's tables (history with error messages, nodes, lock, maintenance), the tenant registry, the tenants'
     * schemas and the migrated tables with their checkpoints; all but those of {@code skipSchema}.
     */
    public List<String> dumpRows(String database, String skipSchema) {
        List<String> rows = new ArrayList<>();
        try (Connection c = admin(database).getConnection(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT format('%I.%I', n.nspname, c.relname) FROM pg_class c"
                    + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p')"
                    + " AND n.nspname NOT IN ('pg_catalog', 'information_schema', '" + skipSchema + "')"
                    + " AND n.nspname NOT LIKE 'pg_toast%' ORDER BY 1")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT t::text FROM " + table + " t")) {
                    while (rs.next()) {
                        rows.add(database + "." + table + ": " + rs.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot dump the tables of " + database, e);
        }
        return rows;
    }

    /** Stops the server: connections are refused from now on. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stop the embedded PostgreSQL", e);
        }
    }
}
