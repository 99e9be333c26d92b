package io.upsilon.postgres.internal;

import io.upsilon.postgres.PostgresSettings;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.MaintenanceWindow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The maintenance flag as a single row (present = open); every change is announced with NOTIFY. The {@code location}
 * column (where a retired cluster's service moved) came later: it is read through {@code to_jsonb}, so a table made
 * before it reads as having none, and {@link #retire} adds it when missing.
 */
public final class PgMaintenanceStore implements MaintenanceStore {

    private final DataSource dataSource;
    private final PostgresSettings settings;
    private final PgSchema schema;
    private final String table;

    public PgMaintenanceStore(DataSource dataSource, PostgresSettings settings) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.schema = new PgSchema(settings);
        this.table = settings.table("maintenance");
    }

    @Override
    public Optional<MaintenanceWindow> current() {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT reason, who, since, to_jsonb(m) ->> 'location' FROM "
                     + table + " AS m WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(new MaintenanceWindow(rs.getString(1), rs.getString(2),
                    rs.getTimestamp(3).toInstant(), rs.getString(4))) : Optional.empty();
        } catch (SQLException e) {
            if (SqlStates.isMissingTable(e)) {
                return Optional.empty();
            }
            throw PgVersionStore.storeFailure("read the maintenance window", e);
        }
    }

    @Override
    public MaintenanceWindow enter(String reason, String who) {
        change("INSERT INTO " + table + " (id, reason, who, since) VALUES (1, ?, ?, now()) ON CONFLICT (id) DO NOTHING",
                reason, who);
        return current().orElseThrow();
    }

    @Override
    public boolean exit() {
        return change("DELETE FROM " + table + " WHERE id = 1") > 0;
    }

    /** One statement, so a window retired meanwhile is not closed by a plain exit. */
    @Override
    public boolean exit(boolean force) {
        if (force) {
            return exit();
        }
        if (change("DELETE FROM " + table + " WHERE id = 1 AND reason <> ?", MaintenanceWindow.MOVED) > 0) {
            return true;
        }
        Optional<MaintenanceWindow> left = current();
        if (left.isPresent() && left.get().moved()) {
            throw MaintenanceStore.refusedExit(left.get());
        }
        return false;
    }

    @Override
    public MaintenanceWindow retire(String who, String location) {
        change("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS location text");
        change("INSERT INTO " + table + " (id, reason, who, since, location) VALUES (1, ?, ?, now(), ?)"
                + " ON CONFLICT (id) DO UPDATE SET reason = excluded.reason, who = excluded.who,"
                + " location = excluded.location", MaintenanceWindow.MOVED, who, location);
        return current().orElseThrow();
    }

    private int change(String sql, String... params) {
        try (Connection c = dataSource.getConnection()) {
            schema.prepare(c);
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql);
                 PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, 'changed')")) {
                for (int i = 0; i < params.length; i++) {
                    ps.setString(i + 1, params[i]);
                }
                int changed = ps.executeUpdate();
                notify.setString(1, settings.maintenanceChannel());
                notify.executeQuery().close();
                c.commit();
                return changed;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw PgVersionStore.storeFailure("change the maintenance window", e);
        }
    }
}
