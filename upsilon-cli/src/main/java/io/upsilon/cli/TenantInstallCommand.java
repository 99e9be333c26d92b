package io.upsilon.cli;

import io.upsilon.ModuleId;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantInput;
import io.upsilon.tenant.pg.InstallResult;
import io.upsilon.tenant.pg.PgTenantModule;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code upsilon tenant install}: one tenant brought to one version of a module. */
@Command(name = "install", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Brings one tenant to a version of a module, as Okapi's tenant call does without module_from:"
                + " a new tenant gets its schema (TENANT_MODULE) created and the manifest's tasks up to that"
                + " version run in it (CREATED); a tenant already at the version is left as it is (UNCHANGED); a"
                + " tenant at another version is upgraded, or rolled back if every task in between has a rollback"
                + " (UPGRADED, else REJECTED). A tenant whose module was disabled ('tenant disable') is enabled"
                + " again, upgraded from the version its data was kept at.",
                "It is one transaction with the tenant's registry row: a failure rolls everything back (FAILED)."
                        + " Exits with 0 for CREATED, UNCHANGED and UPGRADED, 1 for REJECTED and FAILED, 2 for bad"
                        + " input (nothing is touched then)."})
final class TenantInstallCommand extends TenantBaseCommand {

    @Mixin ManifestOptions manifestOptions;

    @Option(names = "--tenant", paramLabel = "ID", required = true, description = "The tenant, e.g. acme.")
    String tenant;

    @Option(names = "--module", paramLabel = "NAME", required = true,
            description = "The module's name, without a version, e.g. mod-transfers.")
    String module;

    @Option(names = "--to", paramLabel = "VERSION_OR_MODULE_ID", required = true, description = "The version to"
            + " bring the tenant to: a version (1.0.0) or the module id (mod-transfers-1.0.0).")
    String version;

    @Override
    int run(PrintWriter out) {
        TenantId id = TenantInput.tenant("--tenant", tenant);
        ModuleId to = TenantInput.target("--to", TenantInput.moduleName("--module", module), version);
        try (CliSession session = tenantSession(true)) {
            InstallResult result = new PgTenantModule(session.database().dataSource(), to.name(),
                    session.manifest()).install(id, to);
            print(out, result, () -> out.print(result.describe()));
            return exit(out, Optional.ofNullable(result.error()));
        }
    }
}
