package io.upsilon.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The benchmarks' embedded PostgreSQL (zonky), set for speed over safety as a throw-away server may be ({@code
 * fsync}, {@code synchronous_commit} and {@code full_page_writes} off, 300 connections), optionally with
 * {@code wal_level=logical} for log capture; databases made on it by name; and the few SQL helpers every benchmark
 * needs. Close it to stop the server.
 */
final class BenchDatabases implements AutoCloseable {

    private final EmbeddedPostgres pg;

    private BenchDatabases(EmbeddedPostgres pg) {
        this.pg = pg;
    }

    /** Starts a server; {@code logical}: with {@code wal_level=logical} and room for 20 slots and senders. */
    static BenchDatabases start(boolean logical) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("max_connections", "300")
                .setServerConfig("fsync", "off").setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off");
        if (logical) {
            builder.setServerConfig("wal_level", "logical").setServerConfig("max_replication_slots", "20")
                    .setServerConfig("max_wal_senders", "20");
        }
        return new BenchDatabases(builder.start());
    }

    int port() {
        return pg.getPort();
    }

    /** The server's {@code postgres} database. */
    DataSource admin() {
        return pg.getPostgresDatabase();
    }

    /** The server's {@code version()}. */
    String version() throws SQLException {
        return query(admin(), "SELECT version()");
    }

    /** Makes a database; returns its data source. */
    DataSource create(String database) throws SQLException {
        execute(admin(), "CREATE DATABASE " + database);
        return ds(database);
    }

    void drop(String database) throws SQLException {
        execute(admin(), "DROP DATABASE IF EXISTS " + database);
    }

    /** A JDBC URL for the database, as a spec file names it (user {@code postgres}, no password). */
    String url(String database) {
        return "jdbc:postgresql://localhost:" + pg.getPort() + "/" + database + "?user=postgres";
    }

    DataSource ds(String database) {
        return Child.dataSource(pg.getPort(), database);
    }

    /** Runs one statement; returns its update count (0 for none). */
    static int execute(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
            return Math.max(0, s.getUpdateCount());
        }
    }

    /** The first column of the first row, as text. */
    static String query(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The machine's load averages from {@code /proc/loadavg}, to judge the noise; "unknown" elsewhere. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    @Override
    public void close() throws IOException {
        pg.close();
    }
}
