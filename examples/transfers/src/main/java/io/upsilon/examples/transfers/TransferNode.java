package io.upsilon.examples.transfers;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.javalin.Javalin;
import io.upsilon.Backends;
import io.upsilon.MaintenanceGate;
import io.upsilon.Manifest;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.release.Release;
import io.upsilon.release.ReleaseSet;
import io.upsilon.releasefile.ReleaseFile;
import io.upsilon.server.GateHandler;
import io.upsilon.server.UpsilonServer;
import io.upsilon.spi.Backend;
import io.upsilon.spi.BackendOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of the transfers service, running as any release of {@code examples/releases.yaml}:
 *
 * <pre>
 * java -cp ... io.upsilon.examples.transfers.TransferNode --release 1.0.2 \
 *     --jdbc-url 'jdbc:postgresql://localhost:5432/transfers?user=postgres' --port 8080 [--admin-port 8081] \
 *     [--node-id n1] [--releases FILE] [--host 127.0.0.1]
 * </pre>
 *
 * The API ({@link TransferApi}) listens on {@code --port} behind the maintenance gate and the write guard
 * ({@link GateHandler}); Upsilon's probes and status ({@link UpsilonServer}: {@code /health/up},
 * {@code /health/ready}, {@code /status}) on {@code --admin-port} (default: port + 1). The password, if any, comes
 * from {@code UPSILON_PASSWORD}. On start it prints one line {@code TRANSFERS-NODE LISTENING app=P admin=Q}; on
 * SIGTERM it stops taking requests, finishes those in flight and leaves the node table.
 *
 * <p><b>Release → data version.</b> The manifest's versions are data versions. The release's descriptor names the
 * data version it brings, and that is what the node gives the engine as its "software version" (the engine's
 * target is the highest manifest version at or below it). Its compatibility window is the descriptor's
 * {@code runsOn}. Node ids carry the release ({@code n1@1.0.2}), so the node table and the history show it.
 */
public final class TransferNode implements AutoCloseable {

    private final Javalin app;
    private final UpsilonServer server;
    private final UpsilonNode node;
    /**
     * The header with which a node of a retired cluster answers (503), for the router to send the request again:
     * the gate's own ({@link GateHandler#MOVED_HEADER}).
     */
    public static final String MOVED_HEADER = GateHandler.MOVED_HEADER;

    /** The packaged copy of {@code examples/releases.yaml} (this module's pom puts it beside the manifest). */
    public static final String RELEASES = "io/upsilon/examples/transfers/releases.yaml";

    private final MaintenanceGate gate;
    private final HikariDataSource pool;

    private TransferNode(Javalin app, UpsilonServer server, UpsilonNode node, MaintenanceGate gate,
                         HikariDataSource pool) {
        this.app = app;
        this.server = server;
        this.node = node;
        this.gate = gate;
        this.pool = pool;
    }

    public static void main(String[] args) throws Exception {
        quietLogs();
        Map<String, String> opts = options(args);
        String release = required(opts, "release");
        String url = required(opts, "jdbc-url");
        int port = Integer.parseInt(required(opts, "port"));
        int adminPort = Integer.parseInt(opts.getOrDefault("admin-port", Integer.toString(port + 1)));
        String nodeId = opts.getOrDefault("node-id", "node") + "@" + release;
        ReleaseSet releases = releases(opts.containsKey("releases") ? Path.of(opts.get("releases")) : null);
        TransferNode node = start(releases.get(Version.parse(release)), url, opts.getOrDefault("host", "127.0.0.1"),
                port, adminPort, nodeId);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            node.close();
            System.out.println("TRANSFERS-NODE STOPPED " + nodeId);
            System.out.flush();
            stopped.countDown();
        }, "transfers-node-stop"));
        System.out.println("TRANSFERS-NODE LISTENING app=" + node.app.port() + " admin=" + node.server.port()
                + " node=" + nodeId);
        System.out.flush();
        stopped.await();
    }

    /**
     * The release descriptors: {@code file}, or the packaged copy of {@code examples/releases.yaml} when null.
     *
     * @throws io.upsilon.UpsilonException when the file is not a valid release file, naming the line
     */
    public static ReleaseSet releases(Path file) {
        return file != null ? ReleaseFile.read(file)
                : ReleaseFile.readResource(RELEASES, TransferNode.class.getClassLoader(), "examples/releases.yaml");
    }

    /** Starts a node of {@code release}; returns once both ports listen (the node is UP, READY soon after). */
    public static TransferNode start(Release release, String jdbcUrl, String host, int port, int adminPort,
                                     String nodeId) {
        Logger log = LoggerFactory.getLogger(TransferNode.class);
        ReleaseFeatures features = ReleaseFeatures.of(release);
        String password = System.getenv("UPSILON_PASSWORD");

        PGSimpleDataSource direct = new PGSimpleDataSource();
        direct.setURL(jdbcUrl);
        direct.setApplicationName("upsilon:" + nodeId);
        if (password != null) {
            direct.setPassword(password);
        }
        Backend backend = Backends.forUrl(jdbcUrl).open(direct, BackendOptions.defaults()); // advisory lock

        HikariConfig hc = new HikariConfig();
        hc.setJdbcUrl(jdbcUrl);
        if (password != null) {
            hc.setPassword(password);
        }
        hc.addDataSourceProperty("ApplicationName", "upsilon:" + nodeId); // so `upsilon fence --terminate-sessions` finds it
        hc.setMaximumPoolSize(6);
        hc.setMinimumIdle(1);
        hc.setConnectionTimeout(5000);
        hc.setPoolName("transfers-" + nodeId);
        HikariDataSource pool = new HikariDataSource(hc);

        Manifest manifest = Manifest.loadResource("io/upsilon/examples/transfers/upsilon.tasks",
                TransferNode.class.getClassLoader());
        UpsilonConfig config = UpsilonConfig.builder()
                .manifest(manifest)
                .softwareVersion(release.dataVersion()) // release -> data version, from the descriptor
                .release(release.version())             // what the release history records (1.0.2, not 1.0.1)
                .store(backend.store())
                .lock(backend.lock(nodeId))
                .nodeId(nodeId)
                .callback((event, ctx) -> log.info("{} {}", event, ctx))
                .build();
        Upsilon upsilon = Upsilon.create(config);
        // the gate first: the node's write guard refuses work too once a cut-over has retired this cluster
        MaintenanceGate gate = MaintenanceGate.create(backend.maintenance(), backend.feed(),
                Duration.ofSeconds(10), Duration.ofSeconds(2)).start();
        UpsilonNode node = UpsilonNode.builder(config).gate(gate)
                .registry(backend.nodes()).feed(backend.feed())
                .window(release.compatibilityWindow())
                .heartbeat(Duration.ofSeconds(1)).ttl(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(500))
                .onFenced(() -> log.error("release {} no longer serves the data version; replace this node",
                        release.version()))
                .build().start();
        WarmUp warmUp = new WarmUp();
        UpsilonServer server = UpsilonServer.builder(upsilon, node).nodes(backend.nodes())
                .maintenance(backend.maintenance()).gate(gate).serviceReady(warmUp::done)
                .controlToken(System.getenv("UPSILON_CONTROL_TOKEN"))
                .host(host).port(adminPort).build().start();
        Javalin app = Javalin.create(c -> {
            c.showJavalinBanner = false;
            c.useVirtualThreads = false;
        });
        // a request held by a side-by-side cut-over's window is answered 503 MOVED (with the new location) once
        // the cut-over retires this cluster: the window never closes here again, so the old database takes no
        // write the new cluster would not receive
        app.before("/transfers*", GateHandler.of(gate, node));
        app.exception(UpsilonException.class, (e, ctx) -> ctx.status(e.code().httpStatus()).header("Retry-After", "1")
                .json(Map.of("errorCode", e.code().name(), "message", e.getMessage())));
        new TransferApi(features, node, pool, nodeId).register(app);
        app.start(host, port);
        warmUp.startAfterReady(node, app.port());
        log.info("node {} (release {}, data version {}, window {}) listening on {} (API) and {} (probes)", nodeId,
                release.version(), release.dataVersion(), release.runsOn(), app.port(), server.port());
        return new TransferNode(app, server, node, gate, pool);
    }

    public UpsilonNode node() {
        return node;
    }

    /** The API port. */
    public int appPort() {
        return app.port();
    }

    /** The probes' port. */
    public int adminPort() {
        return server.port();
    }

    @Override
    public void close() {
        app.stop();       // Jetty stops accepting, then finishes requests in flight
        server.close();
        gate.close();
        node.close();     // leaves the node table
        pool.close();
    }

    /** Log settings for a node or the demo: timestamps, short names, the chatty libraries at warn. */
    public static void quietLogs() {
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "info");
        setDefault("org.slf4j.simpleLogger.showDateTime", "true");
        setDefault("org.slf4j.simpleLogger.dateTimeFormat", "HH:mm:ss.SSS");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "true");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        for (String noisy : new String[] {"org.eclipse.jetty", "io.javalin", "com.zaxxer.hikari", "io.zonky"}) {
            setDefault("org.slf4j.simpleLogger.log." + noisy, "warn");
        }
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
            }
            String key = args[i].substring(2);
            int eq = key.indexOf('=');
            if (eq >= 0) {
                opts.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                opts.put(key, args[++i]);
            } else {
                opts.put(key, "true");
            }
        }
        return opts;
    }

    private static String required(Map<String, String> opts, String key) {
        String v = opts.get(key);
        if (v == null) {
            System.err.println("missing --" + key + "; usage: TransferNode --release 1.0.0|1.0.1|1.0.2|2.0.0|2.0.1"
                    + " --jdbc-url URL --port PORT [--admin-port PORT] [--node-id ID] [--releases FILE]");
            System.exit(2);
        }
        return v;
    }
}
