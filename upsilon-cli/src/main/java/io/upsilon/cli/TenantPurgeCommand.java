package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.report.ErrorRow;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantInput;
import io.upsilon.tenant.pg.PgTenantModule;
import io.upsilon.tenant.pg.PurgeResult;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
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

    @Option(names = "--tenant", paramLabel = "ID", required = true, description = "The tenant, e.g. acme.")
    String tenant;

    @Option(names = "--module", paramLabel = "NAME", required = true,
            description = "The module's name, without a version, e.g. mod-transfers.")
    String module;

    @Option(names = "--yes", description = "Confirm: drop the tenant's schema and all its data.")
    boolean yes;

    @Override
    int run(PrintWriter out) {
        TenantId id = TenantInput.tenant("--tenant", tenant);
        String name = TenantInput.moduleName("--module", module);
        String schema = PgTenantModule.schema(id, name);
        if (!yes) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "purge drops schema " + schema + " with all of tenant "
                    + id + "'s " + name + " data, and its registry row; this cannot be undone: run again with --yes"
                    + " to confirm");
        }
        try (CliSession session = tenantSession(false)) {
            PurgeResult result = PgTenantModule.withoutTasks(session.database().dataSource(), name).purgeOwned(id);
            Optional<ErrorRow> error = result.error().map(code -> ErrorRow.of(code, result.message().orElseThrow()));
            if (options.json) { // a refused purge has an error where a purge has its note
                printJson(out, Json.object("tenant", id.value(), "module", name, "schema", result.schema(),
                        "purged", result.outcome() == PurgeResult.Outcome.PURGED, error.isPresent() ? "error" : "note",
                        error.isPresent() ? error.get() : result.note()));
            } else if (error.isEmpty()) {
                out.println(result.describe());
            }
            return exit(out, error);
        }
    }
}
