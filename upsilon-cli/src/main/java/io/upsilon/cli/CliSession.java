package io.upsilon.cli;

import io.upsilon.Backends;
import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.Placeholders;
import io.upsilon.UpgradeCallback;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.spi.Backend;
import io.upsilon.spi.BackendOptions;
import io.upsilon.spi.BackendProvider;
import io.upsilon.spi.ChangeFeed;
import io.upsilon.spi.ClusterLock;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.NodeRegistry;
import io.upsilon.spi.VersionStore;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one command run works on. Opening checks every input first (settings, manifest, target, credentials) and
 * only then starts or connects to the database, so a typo fails in milliseconds and never creates a data
 * directory. Closing stops the embedded PostgreSQL and releases the task class loader.
 */
final class CliSession implements AutoCloseable {

    private final CommonOptions options;
    private final URLClassLoader classLoader;
    private final Manifest manifest;
    private final Version target;
    private final Database database;
    private final Backend backend;
    private final String nodeId;
    private boolean outOfOrder;
    private final Secrets secrets;
    private final Placeholders placeholders;

    private CliSession(CommonOptions options, URLClassLoader classLoader, Manifest manifest, Version target,
                       Database database, Backend backend, Placeholders placeholders, Secrets secrets) {
        this.options = options;
        this.placeholders = placeholders;
        this.secrets = secrets;
        this.classLoader = classLoader;
        this.manifest = manifest;
        this.target = target;
        this.database = database;
        this.backend = backend;
        this.nodeId = options.nodeId != null ? options.nodeId : UpsilonConfig.defaultNodeId();
    }

    /**
     * @param manifestResource the class-path manifest used without {@code --manifest}; null when the command needs
     *                         no manifest
     * @param dataDir          the embedded database's directory, used without {@code --url}
     * @param temporary        whether that directory is deleted at the end
     */
    static CliSession open(CommonOptions options, Main main, String manifestResource, Path dataDir,
                           boolean temporary) {
        if (options.lockTimeoutSeconds < 0) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--lock-timeout must be 0 or more seconds, got "
                    + options.lockTimeoutSeconds);
        }
        if (options.nodeId != null && options.nodeId.isBlank()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--node-id must not be blank; omit it for a generated id");
        }
        if (options.url == null && !options.embedded && !temporary) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "no database given: pass --url"
                    + " jdbc:postgresql://HOST:5432/DATABASE?user=NAME, set $UPSILON_URL or url= in upsilon.conf,"
                    + " or pass --embedded to start an embedded PostgreSQL in --data-dir");
        }
        BackendOptions settings = BackendOptions.builder().schema(options.schema).tablePrefix(options.tablePrefix)
                .lock(options.lock == null ? null : options.lock.name()).build(); // tenant commands take no --lock
        // found by the URL's scheme and checked now, before anything connects; the embedded database is PostgreSQL
        BackendProvider backend = Backends.forUrl(options.url != null ? options.url : Database.EMBEDDED_SCHEME);
        backend.check(settings);
        Placeholders placeholders = Placeholders.of(options.placeholders == null ? Map.of() : options.placeholders);
        Credentials credentials = Credentials.resolve(options, main.env(), main.secrets());
        // connecting to a URL only checks it and builds a data source; the first connection comes later
        if (options.connectTimeoutSeconds < 0) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--connect-timeout must be 0 or more seconds, got "
                    + options.connectTimeoutSeconds);
        }
        Database remote = options.url == null ? null : Database.connect(options.url, credentials, main.secrets(),
                Duration.ofSeconds(options.connectTimeoutSeconds));
        URLClassLoader classLoader = ManifestSource.classLoader(options.classpath);
        try {
            Manifest manifest = manifestResource == null ? null
                    : ManifestSource.load(options.manifest, manifestResource, classLoader);
            Version target = manifest == null ? null : target(options.to, manifest);
            Database database = remote != null ? remote : Database.embedded(dataDir, temporary);
            return new CliSession(options, classLoader, manifest, target, database,
                    backend.open(database.dataSource(), settings), placeholders,
                    main.secrets());
        } catch (RuntimeException e) {
            closeQuietly(classLoader);
            throw e;
        }
    }

    private static Version target(Version to, Manifest manifest) {
        if (to == null) {
            return manifest.latest().orElseThrow();
        }
        if (!manifest.contains(to)) {
            throw new UpsilonException(ErrorCode.UNKNOWN_VERSION, "--to " + to + " is not a version of manifest "
                    + manifest.source() + "; pick one of " + manifest.versions());
        }
        return to;
    }

    Manifest manifest() {
        return manifest;
    }

    /** The version to upgrade (or roll back) to: {@code --to}, else the manifest's latest. */
    Version target() {
        return target;
    }

    Database database() {
        return database;
    }

    String nodeId() {
        return nodeId;
    }

    VersionStore store() {
        return backend.store();
    }

    /** The node table. */
    NodeRegistry nodes() {
        return backend.nodes();
    }

    /** The cluster-wide maintenance flag. */
    MaintenanceStore maintenance() {
        return backend.maintenance();
    }

    /** LISTEN/NOTIFY with polling; each subscription holds one connection. */
    ChangeFeed feed() {
        return backend.feed();
    }

    /**
     * Tags every database session opened from now on with {@code application_name = upsilon:NODE_ID}, the tag
     * {@code upsilon fence --terminate-sessions} looks for. Call it before anything connects.
     */
    void tagSessionsWithNodeId() {
        database.applicationName(NodeTag.of(nodeId));
    }

    ClusterLock lock() {
        return lock(nodeId);
    }

    ClusterLock lock(String node) {
        return backend.lock(node);
    }

    /** An Upsilon for this node, aiming at {@link #target()}. */
    Upsilon upsilon(UpgradeCallback... callbacks) {
        return upsilon(nodeId, callbacks);
    }

    /** An Upsilon for another node id on the same database, as the demo's racing nodes use. */
    Upsilon upsilon(String node, UpgradeCallback... callbacks) {
        // an operator's run validates even with nothing pending: reading the scripts costs little, and catches an edit
        return Upsilon.create(config(node, target, callbacks).toBuilder().validateAlways(true).build());
    }

    /**
     * An Upsilon on this session's store and lock with {@code other} as its manifest: for commands whose {@code --to}
     * is a release rather than a manifest version ({@code rollback}), which load the manifest themselves.
     */
    Upsilon upsilon(Manifest other, UpgradeCallback... callbacks) {
        return Upsilon.create(config(other, nodeId, other.latest().orElseThrow(() -> new UpsilonException(
                ErrorCode.INVALID_MANIFEST, "manifest " + other.source() + " lists no version")), callbacks));
    }

    /** The configuration of a node with this session's id running {@code softwareVersion}, as {@code serve} runs. */
    UpsilonConfig config(Version softwareVersion, UpgradeCallback... callbacks) {
        return config(nodeId, softwareVersion, callbacks);
    }

    private UpsilonConfig config(String node, Version softwareVersion, UpgradeCallback... callbacks) {
        return config(manifest, node, softwareVersion, callbacks);
    }

    private UpsilonConfig config(Manifest tasks, String node, Version softwareVersion, UpgradeCallback... callbacks) {
        UpsilonConfig.Builder config = UpsilonConfig.builder()
                .manifest(tasks)
                .softwareVersion(softwareVersion)
                .store(store())
                .lock(lock(node))
                .nodeId(node)
                .redact(secrets::redact) // what a failed statement echoes back is stored masked
                .placeholders(placeholders)
                .outOfOrder(outOfOrder)
                .lockWaitTimeout(Duration.ofSeconds(options.lockTimeoutSeconds));
        List.of(callbacks).forEach(config::callback);
        return config.build();
    }

    /** Lets the next {@link #upsilon} run tasks added to versions the data has passed ({@code --out-of-order}). */
    void allowOutOfOrder() {
        this.outOfOrder = true;
    }

    @Override
    public void close() {
        try {
            database.close();
        } finally {
            closeQuietly(classLoader);
        }
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException e) {
            // only open jar handles are lost; the process ends soon
        }
    }
}
