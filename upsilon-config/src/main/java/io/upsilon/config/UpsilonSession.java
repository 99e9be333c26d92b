package io.upsilon.config;

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
import java.time.Duration;
import java.util.List;

/**
 * What one program run works on, made from {@link UpsilonSettings}: the database, its backend (found by the URL's
 * scheme, {@link Backends#forUrl}) with the stores and the cluster lock, the manifest and its task class loader, and
 * the {@link Upsilon} of a node over them. This is what each {@code upsilon} command starts from; a service gets the
 * same settings, precedence, masking and connection handling with
 *
 * <pre>{@code
 * try (UpsilonSession session = UpsilonSession.builder(UpsilonSettings.builder().env(System.getenv()).build())
 *         .open()) {
 *     session.upsilon().migrateTo(session.target());
 * }
 * }</pre>
 *
 * <p>Opening checks every input first (settings, manifest, target, credentials) and only then connects to (or starts)
 * the database, so a typo fails in milliseconds. Nothing connects before first use. Closing closes the database and
 * the task class loader. Not thread-safe to configure; the stores it gives are.
 */
public class UpsilonSession implements AutoCloseable {

    private final Database database;
    private final Backend backend;
    private final URLClassLoader classLoader;
    private final Manifest manifest;
    private final Version target;
    private final String nodeId;
    private final Secrets secrets;
    private final SettingNames names;
    private final Placeholders placeholders;
    private final Duration lockTimeout;
    private final boolean validateAlways;
    private boolean outOfOrder;

    private UpsilonSession(SessionOptions o, Database database, Backend backend, URLClassLoader classLoader,
                           Manifest manifest, Version target) {
        this.database = database;
        this.backend = backend;
        this.classLoader = classLoader;
        this.manifest = manifest;
        this.target = target;
        this.nodeId = o.nodeId != null ? o.nodeId : UpsilonConfig.defaultNodeId();
        this.secrets = o.secrets;
        this.names = o.names;
        this.placeholders = Placeholders.of(o.placeholders);
        this.lockTimeout = o.lockTimeout;
        this.validateAlways = o.validateAlways;
    }

    /**
     * Takes over an opened session, for a program that adds its own helpers to it (the CLI's session adds how it
     * opens one from its options). {@code opened} is not used afterwards: closing this closes what it held.
     */
    protected UpsilonSession(UpsilonSession opened) {
        this.database = opened.database;
        this.backend = opened.backend;
        this.classLoader = opened.classLoader;
        this.manifest = opened.manifest;
        this.target = opened.target;
        this.nodeId = opened.nodeId;
        this.secrets = opened.secrets;
        this.names = opened.names;
        this.placeholders = opened.placeholders;
        this.lockTimeout = opened.lockTimeout;
        this.validateAlways = opened.validateAlways;
        this.outOfOrder = opened.outOfOrder;
    }

    /** A session with {@code settings}' values, each replaceable by the builder's setters. */
    public static SessionOptions builder(UpsilonSettings settings) {
        return new SessionOptions(settings);
    }

    /** Opens a session from {@code o}; see {@link SessionOptions#open()}. */
    static UpsilonSession open(SessionOptions o) {
        if (o.lockTimeout.isNegative()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, o.names.of("lock-timeout") + " must be 0 or more seconds,"
                    + " got " + o.lockTimeout.toSeconds());
        }
        if (o.nodeId != null && o.nodeId.isBlank()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, o.names.of("node-id") + " must not be blank; omit it for"
                    + " a generated id");
        }
        if (o.url == null && o.database == null) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "no database given; set "
                    + o.names.of(UpsilonSettings.URL));
        }
        BackendOptions options = BackendOptions.builder().schema(o.schema).tablePrefix(o.tablePrefix).lock(o.lock)
                .build();
        // found by the URL's scheme and checked now, before anything connects
        BackendProvider provider = Backends.forUrl(o.url != null ? o.url : o.databaseUrl);
        provider.check(options);
        o.secrets.add(o.password()); // masked even where no URL uses it: a program may still print it
        if (o.connectTimeout.isNegative()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, o.names.of(UpsilonSettings.CONNECT_TIMEOUT) + " must be 0"
                    + " or more seconds, got " + o.connectTimeout.toSeconds());
        }
        Database remote = o.url == null ? null : Database.builder(o.url).user(o.user).password(o.password())
                .connectTimeout(o.connectTimeout).applicationName(o.applicationName).secrets(o.secrets)
                .names(o.names).connect();
        URLClassLoader classLoader = ManifestSource.classLoader(o.classpath, o.parent, o.names);
        Database database = null;
        try {
            Manifest manifest = o.defaultManifest == null ? null
                    : ManifestSource.load(o.manifest, o.defaultManifest, classLoader);
            Version target = manifest == null ? null : target(o, manifest);
            database = remote != null ? remote : o.database.get();
            return new UpsilonSession(o, database, provider.open(database.dataSource(), options), classLoader,
                    manifest, target);
        } catch (RuntimeException e) {
            closeQuietly(classLoader);
            if (database != null) {
                database.close();
            }
            throw e;
        }
    }

    private static Version target(SessionOptions o, Manifest manifest) {
        if (o.target == null) {
            return manifest.latest().orElseThrow();
        }
        if (!manifest.contains(o.target)) {
            throw new UpsilonException(ErrorCode.UNKNOWN_VERSION, o.names.of("to") + " " + o.target + " is not a"
                    + " version of manifest " + manifest.source() + "; pick one of " + manifest.versions());
        }
        return o.target;
    }

    /** The manifest; null when the session was opened without one. */
    public final Manifest manifest() {
        return manifest;
    }

    /**
     * The loader the manifest's Java tasks come from: the {@code classpath} setting's entries over the program's own
     * loader. A program that loads another manifest from the same class path loads it through this one; it is closed
     * with the session.
     */
    public final ClassLoader classLoader() {
        return classLoader;
    }

    /** The version to upgrade (or roll back) to: the one asked for, else the manifest's latest; null without one. */
    public final Version target() {
        return target;
    }

    public final Database database() {
        return database;
    }

    /** This node's id in the lock, the history and the node table: the one given, else a generated one. */
    public final String nodeId() {
        return nodeId;
    }

    /** The secrets of this run: the password, and whatever the program adds. */
    public final Secrets secrets() {
        return secrets;
    }

    /** The data version, the task history and the release records. */
    public final VersionStore store() {
        return backend.store();
    }

    /** The node table. */
    public final NodeRegistry nodes() {
        return backend.nodes();
    }

    /** The cluster-wide maintenance flag. */
    public final MaintenanceStore maintenance() {
        return backend.maintenance();
    }

    /** How nodes hear of changes, as the backend does it by default; each subscription holds one connection. */
    public final ChangeFeed feed() {
        return backend.feed();
    }

    /**
     * Tags every database session opened from now on with {@code application_name = upsilon:NODE_ID}
     * ({@link NodeTag}), the tag {@code upsilon fence --terminate-sessions} looks for. Call it before anything
     * connects.
     */
    public final void tagSessionsWithNodeId() {
        database.applicationName(NodeTag.of(nodeId));
    }

    /** The cluster lock, held as this node. */
    public final ClusterLock lock() {
        return lock(nodeId);
    }

    /** The cluster lock, held as {@code node}. */
    public final ClusterLock lock(String node) {
        return backend.lock(node);
    }

    /** An Upsilon for this node, aiming at {@link #target()}. */
    public final Upsilon upsilon(UpgradeCallback... callbacks) {
        return upsilon(nodeId, callbacks);
    }

    /** An Upsilon for another node id on the same database, as the demo's racing nodes use. */
    public final Upsilon upsilon(String node, UpgradeCallback... callbacks) {
        return Upsilon.create(config(manifest, node, target, callbacks).toBuilder().validateAlways(validateAlways)
                .build());
    }

    /**
     * An Upsilon on this session's store and lock with {@code other} as its manifest: for a target that is a release
     * rather than a manifest version (rolling back), where the caller loads the manifest itself.
     */
    public final Upsilon upsilon(Manifest other, UpgradeCallback... callbacks) {
        return Upsilon.create(config(other, nodeId, other.latest().orElseThrow(() -> new UpsilonException(
                ErrorCode.INVALID_MANIFEST, "manifest " + other.source() + " lists no version")), callbacks));
    }

    /**
     * The software version a node of this session runs ({@link #config(Version, UpgradeCallback...)}):
     * {@code requested}, or the manifest's latest when null. The node serves the data versions of its compatibility window, its own and
     * the one before it, so a version below the manifest's first could serve none.
     *
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} for a version below the manifest's first, naming the setting
     *                          as the settings' names do ({@code software-version}) and the versions to pick from
     */
    public final Version softwareVersion(Version requested) {
        if (requested == null) {
            return manifest.latest().orElseThrow();
        }
        Version first = manifest.versions().get(0);
        if (requested.isBefore(first)) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, names.of("software-version") + " " + requested + " is below"
                    + " the first version of manifest " + manifest.source() + " (" + first + "); it could serve no data"
                    + " version; pick one of " + manifest.versions() + " or later");
        }
        return requested;
    }

    /** The configuration of a node with this session's id running {@code softwareVersion}, as a service node runs. */
    public final UpsilonConfig config(Version softwareVersion, UpgradeCallback... callbacks) {
        return config(manifest, nodeId, softwareVersion, callbacks);
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
                .lockWaitTimeout(lockTimeout);
        List.of(callbacks).forEach(config::callback);
        return config.build();
    }

    /** Lets the next {@link #upsilon} run tasks added to versions the data has passed (out of order). */
    public final void allowOutOfOrder() {
        this.outOfOrder = true;
    }

    /** Closes the database (stopping an embedded one) and the task class loader. */
    @Override
    public final void close() {
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
