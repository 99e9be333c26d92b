package io.upsilon.cli;

import picocli.CommandLine.Command;

/** {@code upsilon tenant install|upgrade|list|disable|purge}: a module's per-tenant schemas, Okapi style. */
@Command(name = "tenant", mixinStandardHelpOptions = true,
        description = {"Installs, upgrades, lists, disables and purges a module's data per tenant. Each tenant keeps"
                + " the module's data in a schema of its own (TENANT_MODULE, e.g. acme_mod_transfers), brought to a"
                + " version by the tasks of --manifest, the module's task manifest. Each tenant's change is one"
                + " transaction with its row in the tenant registry (table upsilon_tenant): a tenant is either fully"
                + " at the new version or exactly as before.",
                "'upgrade' runs every installed tenant: the --canary first, alone, then the rest, stopping at the"
                        + " first failure unless told to go on; --simulate shows what it would do.",
                "Tenant ids are 1 to 31 characters a-z, 0-9 and _, starting with a letter (not pg_*, public,"
                        + " information_schema, null); any other id is refused (exit 2) before the database is"
                        + " touched."},
        subcommands = {TenantInstallCommand.class, TenantUpgradeCommand.class, TenantListCommand.class,
                TenantDisableCommand.class, TenantPurgeCommand.class})
final class TenantCommand extends GroupCommand {
}
