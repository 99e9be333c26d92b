package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.UpgradeCallback;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.config.ControlToken;
import io.upsilon.server.Sidecar;
import io.upsilon.tenant.TenantInput;
import io.upsilon.tenant.pg.PgTenantModule;
import io.upsilon.tenant.server.TenantServerRoutes;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code upsilon serve}: one node of the service as a sidecar process. It registers in the node table, upgrades
 * the data to its software version (or waits while another node does), fences itself when the data moves past it,
 * and answers the probes and the status and control endpoints over HTTP until it is stopped.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Runs a node (the sidecar of a service not written in Java): registers it in the node table,"
                + " brings the data version up to --software-version under the cluster lock (or waits while another"
                + " node does), and serves GET /health/up (liveness and startup probe: 200 from start, through a"
                + " long upgrade), GET /health/ready (readiness: 200 only when READY), GET /status, and the control"
                + " endpoints POST /maintenance and POST /fence until SIGTERM or Ctrl-C. With --tenant-module it"
                + " also serves Okapi's tenant protocol for that module (both sides; see the README's tenant"
                + " lifecycle).",
                "The control endpoints need a bearer token from $" + ControlToken.ENV + " or '"
                        + ControlToken.CONFIG_KEY + "' in --config FILE (never an option, never printed); without one"
                        + " they are disabled. The node's database sessions carry application_name"
                        + " 'upsilon:NODE_ID', so 'upsilon fence --terminate-sessions' can end them."})
final class ServeCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;
    @Mixin ManifestOptions manifestOptions;
    @Mixin PlaceholderOption placeholderOption;
    @Mixin LockOptions lockOptions;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on; 0.0.0.0 for probes from outside the pod or host.")
    String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8081",
            description = "The HTTP port; 0 picks a free one (printed when listening).")
    int port;

    @Option(names = "--software-version", paramLabel = "VERSION", converter = VersionConverter.class,
            description = "The software version this node runs (default: the manifest's latest version). The node"
                    + " serves the data versions of its compatibility window: its own and the one before it.")
    Version softwareVersion;

    @Option(names = "--tenant-module", paramLabel = "NAME", description = "Also serve Okapi's tenant protocol for"
            + " this module (e.g. mod-transfers), for a service not written in Java: the module's side, POST and"
            + " DELETE /_/tenant, and Okapi's side, /_/proxy/tenants/{id}/modules, over the tenant registry. Needs"
            + " --tenant-manifest and the control token.")
    String tenantModule;

    @Option(names = "--tenant-manifest", paramLabel = "PATH", description = "The task manifest of --tenant-module"
            + " (a file, or a directory holding upsilon.tasks); SQL tasks, or Java tasks from --classpath. Every"
            + " task must be transactional.")
    java.nio.file.Path tenantManifest;

    @Option(names = "--exit-on-fence", description = "Exit with status 75 when the node is fenced, so the"
            + " orchestrator replaces it; without it the node stays up, not ready.")
    boolean exitOnFence;

    /** The database the session of this run uses, for the listening line. */
    private String database;

    @Override
    int run(PrintWriter out) throws Exception {
        if (port < 0 || port > 65535) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--port must be 0 to 65535, got " + port);
        }
        if ((tenantModule == null) != (tenantManifest == null)) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, tenantModule == null
                    ? "--tenant-manifest needs --tenant-module NAME: the module whose tasks it lists"
                    : "--tenant-module needs --tenant-manifest PATH: the module's task manifest");
        }
        String tenantName = tenantModule == null ? null : TenantInput.moduleName("--tenant-module", tenantModule);
        ControlToken token = ControlToken.resolve(options.settings, main().secrets());
        // SIGTERM and Ctrl-C end the JVM: from the node's start the sidecar's hook closes it, the session after the
        // node and the server (before that nothing is registered, and the embedded database has its own hook)
        try (Sidecar sidecar = sidecar(out, token, tenantName)) {
            try {
                sidecar.listen();
            } catch (UpsilonException e) {
                throw new UpsilonException(e.code(), e.getMessage() + "; pick a free --port, or --port 0 for any", e);
            }
            printListening(out, sidecar, token);
            // returns when interrupted (as tests do), the flag set again
            sidecar.runUntilStopped(stopped -> progress(out, "Stopping node " + stopped.nodeId() + ": "
                    + stopped.stopping()));
            return 0;
        }
    }

    /** The node and its server on the session, which the sidecar closes last; both closed here if this fails. */
    private Sidecar sidecar(PrintWriter out, ControlToken token, String tenantName) {
        CliSession session = session(true);
        try {
            session.tagSessionsWithNodeId(); // before anything connects: every session of this node carries its tag
            Version version = session.softwareVersion(softwareVersion);
            session.nodes().now(); // an unreachable database fails here, before anything listens
            database = session.database().description();
            Sidecar.Builder builder = Sidecar.builder(session.config(version, stateLines(out)), session.nodes(),
                    session.feed(), session.maintenance()).exitOnFence(exitOnFence).controlToken(token.value())
                    .redact(main().secrets()::redact).host(host).port(port);
            builder.closing(session);
            if (tenantName != null) { // its Java tasks come from --classpath, as the node's do
                Manifest tasks = ManifestSource.load(tenantManifest, Manifest.DEFAULT_RESOURCE, session.classLoader());
                builder.routes(TenantServerRoutes.of(new PgTenantModule(session.database().dataSource(), tenantName,
                        tasks)));
            }
            return builder.build();
        } catch (RuntimeException e) {
            try (session) { // closed, then the failure goes on
                throw e;
            }
        }
    }

    private void printListening(PrintWriter out, Sidecar sidecar, ControlToken token) {
        print(out, Json.object("url", sidecar.url(), "nodeId", sidecar.nodeId(), "softwareVersion",
                sidecar.softwareVersion(), "window", sidecar.node().window().versions(), "lock", options.lock,
                "controlEndpoints", token.enabled(), "tenantModule", tenantModule, "database", database),
                () -> out.println(sidecar.describe() + "; control endpoints " + (token.enabled()
                        ? "enabled (token from " + token.source() + ")"
                        : "disabled (set $" + ControlToken.ENV + " to enable them)") + (tenantModule == null ? ""
                        : "; tenant protocol for " + tenantModule + " on /_/tenant and /_/proxy/tenants/{id}/modules")
                        + "."));
        out.flush();
    }

    /** Prints the node's state changes in text mode, so a sidecar's log shows it upgrading, waiting, ready. */
    private UpgradeCallback stateLines(PrintWriter out) {
        return (event, context) -> {
            if (event == UpgradeEvent.STATE_CHANGED) {
                progress(out, context.describeState());
            }
        };
    }
}
