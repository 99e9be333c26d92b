package io.upsilon.cli;

import io.upsilon.ModuleId;
import io.upsilon.Version;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantInput;
import io.upsilon.tenant.TenantResult;
import io.upsilon.tenant.TenantUpgradeOptions;
import io.upsilon.tenant.TenantUpgrader;
import io.upsilon.tenant.pg.PgTenantModule;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code upsilon tenant upgrade}: every installed tenant of a module brought to one version, canary first. */
@Command(name = "upgrade", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Brings every tenant that has the module installed and enabled to the --to version: the"
                + " --canary first, alone, then its --canary-check; then the others in tenant-id order, --parallel"
                + " at a time over a bounded pool. Each tenant is one transaction: a tenant that fails (FAILED) is"
                + " rolled back and keeps its version and data. Disabled tenants are left alone (enabling one"
                + " upgrades it from its kept version).",
                "A failed or rejected canary, or a failed canary check, stops the run before any other tenant is"
                        + " touched. Any other failure"
                        + " stops it too (no new tenant is started) unless --continue-on-error. Run it again after"
                        + " fixing the cause: tenants already at the version are UNCHANGED.",
                "While it runs: a progress bar with tenants/s and the ETA on a terminal (stderr), a line per tenant"
                        + " as it starts elsewhere, nothing with --json.",
                "Prints each tenant's outcome (TENANT, FROM, TO, OUTCOME, MESSAGE), the tenants skipped because the"
                        + " run stopped (SKIPPED: not touched), and a summary. --simulate prints what would happen"
                        + " and changes nothing.",
                "Exits with 0 when every tenant is at the version (UPGRADED or UNCHANGED), 1 when a tenant FAILED"
                        + " or was REJECTED (e.g. a downgrade across a task without rollback), 2 for bad input."},
        footer = {"", "Examples:",
                "  upsilon tenant upgrade --module mod-transfers --to 2.0.1 --canary diku",
                "  upsilon tenant upgrade --module mod-transfers --to 2.0.1 --canary diku --canary-check ./smoke.sh"
                        + " --parallel 4",
                "  upsilon tenant upgrade --module mod-transfers --to 2.0.1 --simulate",
                "  upsilon tenant upgrade --module mod-transfers --to mod-transfers-2.0.1"})
final class TenantUpgradeCommand extends TenantBaseCommand {

    @Mixin ManifestOptions manifestOptions;

    @Option(names = "--to", paramLabel = "VERSION_OR_MODULE_ID", required = true, description = "The version to"
            + " bring every tenant to: a version (2.0.1) or the module id (mod-transfers-2.0.1).")
    String to;

    @Option(names = "--module", paramLabel = "NAME", required = true,
            description = "The module's name, without a version, e.g. mod-transfers.")
    String module;

    @Option(names = "--canary", paramLabel = "TENANT", description = "A tenant to upgrade first, alone; if it"
            + " fails, no other tenant is touched. It must have the module installed.")
    String canary;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "1", description = "How many tenants to upgrade"
            + " at once after the canary; each holds one database connection.")
    int parallel;

    @Option(names = "--continue-on-error", description = "Go on with the other tenants after a failure instead of"
            + " stopping; the exit code is still 1.")
    boolean continueOnError;

    @Option(names = "--simulate", description = "Print, per tenant, what would happen; change nothing.")
    boolean simulate;

    @Option(names = "--canary-check", paramLabel = "CMD", description = "A command run by 'sh -c' after the"
            + " canary's upgrade and before any other tenant (the tests between the canary and the rest). It gets"
            + " UPSILON_TENANT, UPSILON_MODULE, UPSILON_MODULE_FROM and UPSILON_MODULE_TO in its environment and"
            + " passes with exit 0. Any other exit stops the run and rolls the canary back through its tasks'"
            + " rollbacks (if a task has none, the canary stays upgraded and the error says so). Needs --canary.")
    String canaryCheck;

    @Option(names = "--canary-check-timeout", paramLabel = "SECONDS", defaultValue = "600", description = "How"
            + " long the --canary-check command may run before it is killed and counts as failed.")
    long canaryCheckTimeout;

    @Override
    int run(PrintWriter out) {
        Optional<TenantId> canaryId = Optional.ofNullable(canary).map(c -> TenantInput.tenant("--canary", c));
        String name = TenantInput.moduleName("--module", module);
        ModuleId target = TenantInput.target("--to", name, to);
        TenantUpgradeOptions.Builder run = TenantUpgradeOptions.builder().canary(canaryId)
                .parallel(TenantInput.parallel("--parallel", parallel)).continueOnError(continueOnError);
        Duration timeout = TenantInput.timeout("--canary-check-timeout", canaryCheckTimeout);
        if (canaryCheck != null) {
            run.canaryCheck(TenantInput.shellCheck("--canary-check", canaryCheck, "--canary", canaryId, timeout));
        }
        try (CliSession session = tenantSession(true)) {
            PgTenantModule tenants = new PgTenantModule(session.database().dataSource(), name, session.manifest());
            if (simulate) {
                return simulate(out, tenants, target, canaryId);
            }
            TenantUpgradeOptions upgrade;
            TenantUpgrader.Report report;
            try (ProgressView progress = ProgressView.tenants(out, spec.commandLine().getErr(),
                    ProgressView.Mode.of(options.json))) {
                upgrade = run.listener(progress).build();
                report = new TenantUpgrader(tenants).upgrade(target, upgrade);
            }
            TenantUpgrader.View view = report.view(name, upgrade);
            print(out, view, () -> out.print(report.describe(name)));
            return exit(out, Optional.ofNullable(view.error()));
        }
    }

    private int simulate(PrintWriter out, PgTenantModule tenants, ModuleId target, Optional<TenantId> canaryId) {
        Version version = target.version().orElseThrow();
        List<TenantResult> steps = new TenantUpgrader(tenants).simulate(target, canaryId);
        if (options.json) {
            printJson(out, Json.object("module", tenants.name(), "to", version, "simulate", true, "canary", canaryId,
                    "steps", steps));
        } else {
            out.print(TenantUpgrader.describe(steps, tenants.name(), version, canaryId));
        }
        return 0;
    }
}
