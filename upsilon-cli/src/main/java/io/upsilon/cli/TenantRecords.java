package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.tenant.TenantRecord;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The tenant registry across every module. {@link io.upsilon.tenant.TenantModule#tenants()} reads one module's
 * rows; this finds the modules the registry holds and reads each through it. A database without the registry table
 * has no tenants, and is left without one.
 */
final class TenantRecords {

    private TenantRecords() {
    }

    /** Every registry row, by module, then tenant. */
    static List<TenantRecord> all(CliSession session) {
        List<TenantRecord> rows = new ArrayList<>();
        for (String module : modules(session)) {
            rows.addAll(TenantArgs.withoutTasks(session, module).tenants());
        }
        return rows;
    }

    private static List<String> modules(CliSession session) {
        // the registry sits in the connection's current schema (where the tenant module creates it)
        try (Connection c = session.database().dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass(quote_ident(current_schema()) ||"
                    + " '.upsilon_tenant')::text")) {
                rs.next();
                if (rs.getString(1) == null) {
                    return List.of();
                }
            }
            List<String> modules = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT DISTINCT module FROM upsilon_tenant ORDER BY module")) {
                while (rs.next()) {
                    modules.add(rs.getString(1));
                }
            }
            return modules;
        } catch (SQLException e) {
            String reason = String.valueOf(e.getMessage()).strip().replaceAll("\\.$", "");
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot read the tenant registry (" + reason + ");"
                    + " check --url, the user and the password ($" + Main.PASSWORD_ENV + " or --config FILE)", e);
        }
    }
}
