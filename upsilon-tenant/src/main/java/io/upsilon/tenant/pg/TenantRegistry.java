package io.upsilon.tenant.pg;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantOutcome;
import io.upsilon.tenant.TenantRecord;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tenant registry (table {@code upsilon_tenant} in the connection's current schema): per tenant and module, the
 * version its data is at, whether the module is enabled, and the last outcome. Every value reaches SQL as a
 * parameter; calls for one tenant and module are serialised by a transaction-scoped advisory lock. Its public
 * methods read; {@link PgTenantModule} is what writes it.
 */
public final class TenantRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(TenantRegistry.class);
    private final DataSource dataSource;
    private volatile boolean ready;
    /**
     * The registry table, qualified with the schema it was created in: a tenant's transaction sets
     * {@code search_path} to the tenant's schema, where an unqualified name would not find it.
     */
    private volatile String table;

    /** A reader of the registry in {@code dataSource}'s current schema. */
    public TenantRegistry(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Creates the table if missing, behind an advisory lock so that many callers at once never collide. */
    void prepare(Connection c) throws SQLException {
        if (ready) {
            return;
        }
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + key("registry") + ")");
            try (ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                if (rs.getString(1) == null) {
                    throw new UpsilonException(ErrorCode.BAD_INPUT, "the connection's search_path names no existing"
                            + " schema, so there is nowhere to keep the tenant registry; set search_path");
                }
                table = '"' + rs.getString(1).replace("\"", "\"\"") + "\".upsilon_tenant";
            }
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (tenant text NOT NULL, module text NOT NULL,"
                    + " module_version text, last_outcome text NOT NULL, last_error text,"
                    + " enabled boolean NOT NULL DEFAULT true,"
                    + " updated_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (tenant, module))");
            // a registry made before disable existed: every tenant in it was enabled
            s.execute("ALTER TABLE " + table + " ADD COLUMN IF NOT EXISTS enabled boolean NOT NULL DEFAULT true");
            c.commit();
            ready = true;
        } catch (SQLException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    void lock(Connection c, TenantId tenant, String module) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, key(tenant.value() + ":" + module));
            ps.executeQuery().close();
        }
    }

    /** What the registry holds for a tenant and module: its data version (if any) and whether it is enabled. */
    record Stored(Optional<Version> version, boolean enabled) {
        static final Stored NONE = new Stored(Optional.empty(), false);
    }

    Stored stored(Connection c, TenantId tenant, String module) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT module_version, enabled FROM " + table
                + " WHERE tenant = ? AND module = ? FOR UPDATE")) {
            ps.setString(1, tenant.value());
            ps.setString(2, module);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Stored.NONE;
                }
                return new Stored(Optional.ofNullable(rs.getString(1)).map(Version::parse), rs.getBoolean(2));
            }
        }
    }

    Optional<Version> version(Connection c, TenantId tenant, String module) throws SQLException {
        return stored(c, tenant, module).version();
    }

    /** Marks the module disabled for the tenant; the version and the data stay. */
    void disable(Connection c, TenantId tenant, String module) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET enabled = false, updated_at = now()"
                + " WHERE tenant = ? AND module = ?")) {
            ps.setString(1, tenant.value());
            ps.setString(2, module);
            ps.executeUpdate();
        }
    }

    void record(Connection c, TenantId tenant, String module, Version version, TenantOutcome outcome, String error)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (tenant, module, module_version,"
                + " last_outcome, last_error, enabled, updated_at) VALUES (?, ?, ?, ?, ?, true, now())"
                + " ON CONFLICT (tenant, module) DO UPDATE SET module_version = EXCLUDED.module_version,"
                + " last_outcome = EXCLUDED.last_outcome, last_error = EXCLUDED.last_error, enabled = true,"
                + " updated_at = now()")) {
            ps.setString(1, tenant.value());
            ps.setString(2, module);
            ps.setString(3, version == null ? null : version.toString());
            ps.setString(4, outcome.name());
            ps.setString(5, error);
            ps.executeUpdate();
        }
    }

    /** Notes a failed call on its own, keeping the version; never throws, so the failure it reports stays visible. */
    void recordFailure(TenantId tenant, String module, String message) {
        try (Connection c = dataSource.getConnection()) {
            prepare(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (tenant, module, module_version,"
                    + " last_outcome, last_error, updated_at) VALUES (?, ?, NULL, 'FAILED', ?, now())"
                    + " ON CONFLICT (tenant, module) DO UPDATE SET last_outcome = 'FAILED',"
                    + " last_error = EXCLUDED.last_error, updated_at = now()")) {
                ps.setString(1, tenant.value());
                ps.setString(2, module);
                ps.setString(3, message);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            LOG.warn("Could not record the failure of tenant {} in the registry: {}", tenant, e.getMessage());
        }
    }

    /** Notes a refused call on an existing row (a refusal changes nothing else); never throws. */
    void recordRejection(TenantId tenant, String module, String message) {
        try (Connection c = dataSource.getConnection()) {
            prepare(c);
            try (PreparedStatement ps = c.prepareStatement("UPDATE " + table + " SET last_outcome = 'REJECTED',"
                    + " last_error = ?, updated_at = now() WHERE tenant = ? AND module = ?")) {
                ps.setString(1, message);
                ps.setString(2, tenant.value());
                ps.setString(3, module);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            LOG.warn("Could not record the refusal for tenant {} in the registry: {}", tenant, e.getMessage());
        }
    }

    boolean delete(Connection c, TenantId tenant, String module) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE tenant = ? AND module = ?")) {
            ps.setString(1, tenant.value());
            ps.setString(2, module);
            return ps.executeUpdate() > 0;
        }
    }

    /** One module's rows, by tenant; creates the registry table when it is missing. */
    public List<TenantRecord> list(String module) {
        try (Connection c = dataSource.getConnection()) {
            prepare(c);
            return read(c, table, module);
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    /**
     * Every row, by module, then tenant. A database without the registry table has no tenants, and is left
     * without one (nothing is created).
     */
    public List<TenantRecord> all() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            String existing;
            try (ResultSet rs = s.executeQuery("SELECT to_regclass(quote_ident(current_schema()) ||"
                    + " '.upsilon_tenant')::text")) {
                existing = rs.next() ? rs.getString(1) : null;
            }
            if (existing == null) {
                return List.of();
            }
            s.execute("ALTER TABLE " + existing + " ADD COLUMN IF NOT EXISTS enabled boolean NOT NULL DEFAULT true");
            return read(c, existing, null);
        } catch (SQLException e) {
            throw unreadable(e);
        }
    }

    private static List<TenantRecord> read(Connection c, String table, String module) throws SQLException {
        List<TenantRecord> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT tenant, module, module_version, enabled, last_outcome,"
                + " last_error, updated_at FROM " + table + (module == null ? "" : " WHERE module = ?")
                + " ORDER BY module, tenant")) {
            if (module != null) {
                ps.setString(1, module);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new TenantRecord(TenantId.parse(rs.getString(1)), rs.getString(2),
                            Optional.ofNullable(rs.getString(3)).map(Version::parse), rs.getBoolean(4),
                            TenantOutcome.valueOf(rs.getString(5)), Optional.ofNullable(rs.getString(6)),
                            rs.getTimestamp(7).toInstant()));
                }
            }
        }
        return rows;
    }

    private static UpsilonException unreadable(SQLException e) {
        String reason = String.valueOf(e.getMessage()).strip().replaceAll("\\.$", "");
        return new UpsilonException(ErrorCode.STORE_FAILURE, "cannot read the tenant registry (" + reason + ");"
                + " check that the database is reachable and the user may read it", e);
    }

    private static long key(String name) {
        try {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256")
                    .digest(("upsilon-tenant:" + name).getBytes(StandardCharsets.UTF_8))).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
