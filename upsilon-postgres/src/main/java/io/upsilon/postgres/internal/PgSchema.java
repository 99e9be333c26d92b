package io.upsilon.postgres.internal;

import io.upsilon.postgres.PostgresSettings;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;

/**
 * Creates Upsilon's tables. Many nodes may start at once on an empty database: concurrent
 * {@code CREATE TABLE IF NOT EXISTS} can still fail on PostgreSQL's catalog unique indexes (Flyway issue 1014), so
 * the creation runs in one transaction behind a transaction-scoped advisory lock, after a cheap check that skips
 * everything when the tables exist.
 */
final class PgSchema {

    private static final String[] TABLES = {"data_version", "history", "lock", "node", "maintenance", "fence",
        "release_history"};

    private final PostgresSettings settings;

    PgSchema(PostgresSettings settings) {
        this.settings = settings;
    }

    void prepare(Connection connection) throws SQLException {
        if (exists(connection)) {
            return;
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement s = connection.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + AdvisoryKeys.key(settings, "schema") + ")");
            s.execute("CREATE SCHEMA IF NOT EXISTS \"" + settings.schema() + '"');
            s.execute("CREATE TABLE IF NOT EXISTS " + settings.table("data_version") + " ("
                    + "id int PRIMARY KEY CHECK (id = 1), version text NOT NULL,"
                    + " updated_at timestamptz NOT NULL DEFAULT now(), updated_by text NOT NULL)");
            // the digest of the manifest's task list validated at this data version (a column added after the table)
            s.execute("ALTER TABLE " + settings.table("data_version") + " ADD COLUMN IF NOT EXISTS manifest_digest text");
            s.execute("CREATE TABLE IF NOT EXISTS " + settings.table("history") + " ("
                    + "id bigserial PRIMARY KEY, version text NOT NULL, task text NOT NULL, checksum text,"
                    + " status text NOT NULL, node_id text NOT NULL, fencing_token bigint NOT NULL,"
                    + " started_at timestamptz NOT NULL, finished_at timestamptz, duration_ms bigint, error text)");
            s.execute("CREATE TABLE IF NOT EXISTS " + settings.table("lock") + " ("
                    + "name text PRIMARY KEY, kind text NOT NULL, token bigint NOT NULL, holder text,"
                    + " holder_pid int, acquired_at timestamptz, renewed_at timestamptz, expires_at timestamptz)");
            s.execute("CREATE TABLE IF NOT EXISTS " + settings.table("node") + " ("
                    + "node_id text PRIMARY KEY, host text NOT NULL, software_version text NOT NULL, state text NOT NULL,"
                    + " in_flight int NOT NULL DEFAULT 0, started_at timestamptz NOT NULL DEFAULT now(),"
                    + " heartbeat_at timestamptz NOT NULL DEFAULT now(), ttl_ms bigint NOT NULL,"
                    + " fenced boolean NOT NULL DEFAULT false)");
            // added later: the data versions the node serves, for the guard that ends stray nodes' sessions
            s.execute("ALTER TABLE " + settings.table("node") + " ADD COLUMN IF NOT EXISTS serves text");
            s.execute("CREATE TABLE IF NOT EXISTS " + settings.table("maintenance") + " ("
                    + "id int PRIMARY KEY CHECK (id = 1), reason text NOT NULL, who text NOT NULL,"
                    + " since timestamptz NOT NULL DEFAULT now(), location text)");
            s.execute("CREATE TABLE IF NOT EXISTS " + settings.table("fence") + " ("
                    + "id int PRIMARY KEY CHECK (id = 1), below text NOT NULL, since timestamptz NOT NULL DEFAULT now())");
            s.execute("CREATE TABLE IF NOT EXISTS " + settings.table("release_history") + " ("
                    + "id bigserial PRIMARY KEY, software_version text NOT NULL, data_version text,"
                    + " node_id text NOT NULL, recorded_at timestamptz NOT NULL DEFAULT now())");
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private boolean exists(Connection connection) throws SQLException {
        // one to_regclass per table, so a database prepared before a table was added gets it on the next start
        String sql = "SELECT " + String.join(" AND ", Collections.nCopies(TABLES.length,
                "to_regclass(?) IS NOT NULL")) + " AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid ="
                + " to_regclass(?) AND attname = 'manifest_digest' AND NOT attisdropped)"
                + " AND EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid ="
                + " to_regclass(?) AND attname = 'serves' AND NOT attisdropped)";
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            int i = 1;
            for (String table : TABLES) {
                ps.setString(i++, settings.table(table));
            }
            ps.setString(i++, settings.table("data_version"));
            ps.setString(i, settings.table("node"));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }
}
