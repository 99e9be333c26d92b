package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.NodeState;
import io.upsilon.UpgradeCallback;
import io.upsilon.UpgradeEvent;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.server.UpsilonServer;
import io.upsilon.tenant.TenantInput;
import io.upsilon.tenant.pg.PgTenantModule;
import io.upsilon.tenant.server.TenantServerRoutes;
import java.io.PrintWriter;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
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
    @Mixin NodeOption nodeOption;

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
        ControlToken token = ControlToken.resolve(options, main().env(), main().secrets());
        Running running = new Running();
        // SIGTERM and Ctrl-C end the JVM: the hook closes whatever has started by then
        Thread hook = new Thread(() -> {
            if (!options.json && running.nodeId != null) {
                out.println("Stopping node " + running.nodeId + ": " + rowFate(running.node));
                out.flush();
            }
            running.close();
        }, "upsilon-serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean interrupted = false;
        try {
            CliSession session = running.add(session(true));
            session.tagSessionsWithNodeId(); // before anything connects: every session of this node carries its tag
            Version version = softwareVersion(session);
            session.nodes().now(); // an unreachable database fails here, before anything listens
            UpsilonConfig config = session.config(version, stateLines(out));
            UpsilonNode.Builder builder = UpsilonNode.builder(config).registry(session.nodes()).feed(session.feed());
            if (exitOnFence) {
                builder.exitOnFence();
            }
            UpsilonNode node = builder.build();
            UpsilonServer.Builder serverBuilder = UpsilonServer.builder(Upsilon.create(config), node)
                    .nodes(session.nodes()).maintenance(session.maintenance())
                    .controlToken(token.value()).redact(main().secrets()::redact).host(host).port(port);
            if (tenantName != null) {
                URLClassLoader loader = running.add(ManifestSource.classLoader(options.classpath));
                Manifest tasks = ManifestSource.load(tenantManifest, Manifest.DEFAULT_RESOURCE, loader);
                serverBuilder.routes(TenantServerRoutes.of(
                        new PgTenantModule(session.database().dataSource(), tenantName, tasks)));
            }
            UpsilonServer server = serverBuilder.build();
            listen(server, running);
            running.add(node); // closed before the server: the probes answer until the node has left the table
            running.nodeId = session.nodeId();
            running.node = node;
            printListening(out, session, node, server, version, token);
            node.start();
            try {
                new CountDownLatch(1).await(); // until the JVM ends, or this thread is interrupted (as tests do)
            } catch (InterruptedException e) {
                // stopped: close everything below with the flag clear (the HTTP server's stop waits), then restore it
                interrupted = true;
            }
            return 0;
        } finally {
            removeQuietly(hook);
            running.close();
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void printListening(PrintWriter out, CliSession session, UpsilonNode node, UpsilonServer server,
                                Version version, ControlToken token) {
        String url = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
        if (options.json) {
            printJson(out, Json.object("url", url, "nodeId", session.nodeId(), "softwareVersion", version.toString(),
                    "window", node.window().versions().stream().map(Version::toString).toList(),
                    "lock", options.lock.name(), "controlEndpoints", token.enabled(), "tenantModule", tenantModule,
                    "database", session.database().description()));
        } else {
            out.println("Listening on " + url + " as node " + session.nodeId() + " (software version " + version
                    + ", serves data versions " + node.window() + ", " + options.lock + " lock); control endpoints "
                    + (token.enabled() ? "enabled (token from " + token.source() + ")"
                    : "disabled (set $" + ControlToken.ENV + " to enable them)") + (tenantModule == null ? ""
                    : "; tenant protocol for " + tenantModule + " on /_/tenant and /_/proxy/tenants/{id}/modules")
                    + ".");
        }
        out.flush();
    }

    /** What closing the node does to its row in the node table (see NodeRunner.close and pruning). */
    static String rowFate(UpsilonNode node) {
        if (node != null && node.state() == NodeState.FENCED) {
            return "it is FENCED, so its row stays in the node table for the operator to see (GONE once its"
                    + " heartbeat stops) until a running node prunes it, " + UpsilonNode.DEFAULT_PRUNE_GONE_AFTER
                    .toMinutes() + " minutes after its TTL ran out.";
        }
        return "it deletes its row from the node table.";
    }

    private Version softwareVersion(CliSession session) {
        if (softwareVersion == null) {
            return session.manifest().latest().orElseThrow();
        }
        Version first = session.manifest().versions().get(0);
        if (softwareVersion.isBefore(first)) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--software-version " + softwareVersion + " is below"
                    + " the first version of manifest " + session.manifest().source() + " (" + first + "); it could"
                    + " serve no data version; pick one of " + session.manifest().versions() + " or later");
        }
        return softwareVersion;
    }

    /** Prints the node's state changes in text mode, so a sidecar's log shows it upgrading, waiting, ready. */
    private UpgradeCallback stateLines(PrintWriter out) {
        return (event, context) -> {
            if (event == UpgradeEvent.STATE_CHANGED && !options.json) {
                NodeState state = context.state().orElse(null);
                out.println("Node " + context.nodeId() + ": " + state + (state == NodeState.FENCED ? ""
                        : " (data version " + Text.version(context.version()) + ")"));
                out.flush();
            }
        };
    }

    private void listen(UpsilonServer server, Running running) {
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            throw new UpsilonException(ErrorCode.BAD_INPUT, "cannot listen on " + host + ":" + port + " ("
                    + ErrorHandler.oneLine(e.getMessage()) + "); pick a free --port, or --port 0 for any", e);
        }
        running.add(server);
    }

    private static void removeQuietly(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook is running or has run
        }
    }

    /** What serve started, closed once in reverse order, from the shutdown hook or when the command ends. */
    private static final class Running {
        private final List<AutoCloseable> parts = new ArrayList<>();
        private final AtomicBoolean closed = new AtomicBoolean();
        private volatile String nodeId;
        private volatile UpsilonNode node;

        synchronized <T extends AutoCloseable> T add(T part) {
            parts.add(part);
            return part;
        }

        void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            List<AutoCloseable> reversed;
            synchronized (this) {
                reversed = new ArrayList<>(parts);
            }
            Collections.reverse(reversed);
            for (AutoCloseable part : reversed) {
                try {
                    part.close();
                } catch (Exception e) {
                    // go on closing the rest: the database must still be released
                }
            }
        }
    }
}
