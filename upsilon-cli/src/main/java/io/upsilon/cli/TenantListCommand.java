package io.upsilon.cli;

import io.upsilon.tenant.TenantInput;
import io.upsilon.tenant.TenantRecord;
import io.upsilon.tenant.pg.TenantRegistry;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code upsilon tenant list}: the tenant registry. */
@Command(name = "list", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Lists the tenant registry, by module and tenant: TENANT, MODULE, VERSION (what its data is"
                + " at; none after a failed install), STATE (enabled, or disabled with its data kept), LAST OUTCOME"
                + " and LAST ERROR (of its last install or upgrade)"
                + " and UPDATED AT. Changes nothing; needs no manifest.",
                "A tenant whose last outcome is FAILED was rolled back: its data is still at the version shown."})
final class TenantListCommand extends TenantBaseCommand {

    @Option(names = "--module", paramLabel = "NAME", description = "Only this module's tenants, e.g."
            + " mod-transfers (default: every module).")
    String module;

    @Override
    int run(PrintWriter out) {
        String name = module == null ? null : TenantInput.moduleName("--module", module);
        try (CliSession session = tenantSession(false)) {
            List<TenantRecord> rows = new TenantRegistry(session.database().dataSource()).all().stream()
                    .filter(r -> name == null || r.module().equals(name)).toList();
            if (options.json) {
                printJson(out, Json.object("module", name, "tenants", rows));
                return 0;
            }
            if (rows.isEmpty()) {
                out.println("No tenant has " + (name == null ? "any module" : name) + " in "
                        + session.database().description() + ".");
                return 0;
            }
            TenantRecord.table(rows).print(out, "  ");
            return 0;
        }
    }
}
