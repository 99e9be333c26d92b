package io.upsilon.cli;

import io.upsilon.tenant.DisableResult;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantInput;
import io.upsilon.tenant.pg.PgTenantModule;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code upsilon tenant disable}: a module disabled for one tenant, its data kept. */
@Command(name = "disable", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Disables a module for one tenant and keeps its data, as Okapi's disassociation does"
                + " (module_from without module_to): the registry row says disabled, the schema (TENANT_MODULE) and"
                + " its data stay exactly as they are. 'tenant upgrade' leaves a disabled tenant alone; 'tenant"
                + " install' enables it again, upgrading it from the kept version.",
                "A tenant without data of the module has nothing to disable (exit 0). Disabling twice changes"
                        + " nothing. To remove the data, use 'tenant purge'."})
final class TenantDisableCommand extends TenantBaseCommand {

    @Option(names = "--tenant", paramLabel = "ID", required = true, description = "The tenant, e.g. acme.")
    String tenant;

    @Option(names = "--module", paramLabel = "NAME", required = true,
            description = "The module's name, without a version, e.g. mod-transfers.")
    String module;

    @Override
    int run(PrintWriter out) {
        TenantId id = TenantInput.tenant("--tenant", tenant);
        String name = TenantInput.moduleName("--module", module);
        try (CliSession session = tenantSession(false)) {
            DisableResult result = DisableResult.disable(PgTenantModule.withoutTasks(session.database().dataSource(),
                    name), id);
            print(out, result, () -> out.println(result.describe()));
            return 0;
        }
    }
}
