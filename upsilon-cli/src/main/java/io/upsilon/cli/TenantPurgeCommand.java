package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantRecord;
import io.upsilon.tenant.pg.PgTenantModule;
import io.upsilon.tenant.pg.TenantRegistry;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code upsilon tenant purge}: one tenant's data of one module dropped, with its registry row. */
@Command(name = "purge", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Drops the tenant's schema of the module (TENANT_MODULE, e.g. acme_mod_transfers) with"
                + " everything in it, and its row in the tenant registry, in one transaction. This cannot be"
                + " undone, so it is refused without --yes.",
                "Only a tenant the registry lists for the module is purged: a schema of that name that the registry"
                        + " does not give to this tenant (another tenant's, or not a tenant's at all) is left as it"
                        + " is. A tenant without the module is nothing to purge (exit 0)."})
final class TenantPurgeCommand extends TenantBaseCommand {

    @Mixin ConnectionOptions connectionOptions;

    @Option(names = "--tenant", paramLabel = "ID", required = true, description = "The tenant, e.g. acme.")
    String tenant;

    @Option(names = "--module", paramLabel = "NAME", required = true,
            description = "The module's name, without a version, e.g. mod-transfers.")
    String module;

    @Option(names = "--yes", description = "Confirm: drop the tenant's schema and all its data.")
    boolean yes;

    @Override
    int run(PrintWriter out) {
        TenantId id = TenantArgs.tenant("--tenant", tenant);
        String name = TenantArgs.moduleName("--module", module);
        String schema = id + "_" + name.replace('-', '_'); // as PgTenantModule.schema names it
        if (!yes) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "purge drops schema " + schema + " with all of tenant "
                    + id + "'s " + name + " data, and its registry row; this cannot be undone: run again with --yes"
                    + " to confirm");
        }
        try (CliSession session = tenantSession(false)) {
            PgTenantModule tenants = TenantArgs.withoutTasks(session, name);
            List<TenantRecord> all = new TenantRegistry(session.database().dataSource()).all();
            Optional<TenantRecord> row = all.stream()
                    .filter(r -> r.tenant().equals(id) && r.module().equals(name)).findFirst();
            if (row.isEmpty()) {
                boolean exists = schemaExists(session, tenants.schema(id));
                String note = exists ? " Schema " + tenants.schema(id) + " exists but the registry does not give it"
                        + " to tenant " + id + "; left as it is." : "";
                if (options.json) {
                    printJson(out, Json.object("tenant", id.value(), "module", name, "schema", tenants.schema(id),
                            "purged", false, "note", note.isEmpty() ? null : note.strip()));
                } else {
                    out.println("Nothing to purge: tenant " + id + " has no " + name + "." + note);
                }
                return 0;
            }
            // schema names are TENANT_MODULE with - as _, so two pairs can share one (t1 + mod-x, t1_mod + x): a row
            // whose install failed does not own the schema of its name, and purging it would drop the owner's data
            Optional<TenantRecord> owner = all.stream()
                    .filter(r -> !(r.tenant().equals(id) && r.module().equals(name)))
                    .filter(r -> r.version().isPresent())
                    .filter(r -> TenantArgs.withoutTasks(session, r.module()).schema(r.tenant())
                            .equals(tenants.schema(id)))
                    .findFirst();
            if (owner.isPresent() && row.get().version().isEmpty()) {
                String failure = "schema " + tenants.schema(id) + " belongs to tenant " + owner.get().tenant()
                        + "'s " + owner.get().module() + ", not to tenant " + id + "'s " + name + " (whose install"
                        + " failed); nothing purged; remove the stale registry row by hand: DELETE FROM"
                        + " upsilon_tenant WHERE tenant = '" + id + "' AND module = '" + name + "'";
                if (options.json) {
                    printJson(out, Json.object("tenant", id.value(), "module", name, "schema", tenants.schema(id),
                            "purged", false, "error", Json.object("code", "SCHEMA_NOT_OWNED", "message", failure,
                                    "exitCode", 1)));
                }
                printError(failure);
                return 1;
            }
            boolean purged = tenants.purge(id);
            if (options.json) {
                printJson(out, Json.object("tenant", id.value(), "module", name, "schema", tenants.schema(id),
                        "purged", purged));
            } else {
                out.println("Purged tenant " + id + "'s " + name + ": dropped schema " + tenants.schema(id)
                        + " and its registry row (it was at " + Text.version(row.get().version()) + ").");
            }
            return 0;
        }
    }

    private static boolean schemaExists(CliSession session, String schema) {
        try (Connection c = session.database().dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
            ps.setString(1, schema);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot read the database's schemas ("
                    + String.valueOf(e.getMessage()).strip() + "); check --url and that the database is reachable", e);
        }
    }
}
