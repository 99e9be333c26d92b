package io.upsilon.config;

import io.upsilon.Manifest;
import io.upsilon.Version;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds an {@link UpsilonSession}. Every value starts as the settings give it ({@code url}, {@code user},
 * {@code password}, {@code connect-timeout}, {@code schema}, {@code table-prefix}, {@code lock}, {@code lock-timeout},
 * {@code node-id}, {@code manifest}, {@code classpath}); a setter replaces it, null included (null leaves the value
 * to the backend's or the session's default). A setting is read, and a bad value reported, only if no setter replaced
 * it.
 */
public final class SessionOptions {

    /** How long {@link UpsilonSession#upsilon} waits for the cluster lock when no lock timeout is set. */
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(60);

    private final UpsilonSettings settings;
    private final Set<String> given = new HashSet<>();
    SettingNames names;
    Secrets secrets = new Secrets();
    String url;
    String user;
    Duration connectTimeout;
    String applicationName = Database.DEFAULT_APPLICATION_NAME;
    String databaseUrl;
    Supplier<Database> database;
    String schema;
    String tablePrefix;
    String lock;
    Duration lockTimeout;
    String nodeId;
    Map<String, String> placeholders;
    Path manifest;
    String defaultManifest = Manifest.DEFAULT_RESOURCE;
    String classpath;
    ClassLoader parent = SessionOptions.class.getClassLoader();
    Version target;
    boolean validateAlways;

    SessionOptions(UpsilonSettings settings) {
        this.settings = settings;
        this.names = settings.names();
    }

    /** Where the password (and whatever else the session reads) is registered before anything can print it. */
    public SessionOptions secrets(Secrets value) {
        this.secrets = value;
        return this;
    }

    /** The database's JDBC URL. */
    public SessionOptions url(String value) {
        return set("url", () -> url = value);
    }

    /** The database user; null for the URL's. */
    public SessionOptions user(String value) {
        return set("user", () -> user = value);
    }

    /**
     * How long the first connection keeps trying while the database is down or starting; zero for one try, null for
     * {@link Database#DEFAULT_CONNECT_TIMEOUT}.
     */
    public SessionOptions connectTimeout(Duration value) {
        return set("connect-timeout", () -> connectTimeout = value);
    }

    /** The {@code application_name} of the sessions unless the URL names one (default {@code upsilon}). */
    public SessionOptions applicationName(String value) {
        this.applicationName = value;
        return this;
    }

    /**
     * A database the program makes itself, instead of the URL: a service's pool, an embedded server. {@code database}
     * is called once every input has been checked, so that a typo never starts anything.
     *
     * @param jdbcUrl a URL (or just the scheme, e.g. {@link Database#POSTGRESQL_SCHEME}) by which the backend is found
     */
    public SessionOptions database(String jdbcUrl, Supplier<Database> database) {
        this.databaseUrl = jdbcUrl;
        this.database = database;
        return set("url", () -> url = null);
    }

    /**
     * Without a URL, an embedded PostgreSQL in {@code directory} ({@link Database#embedded}), started once every input
     * has been checked; null for none.
     *
     * @param temporary whether the directory is deleted when the session closes
     */
    public SessionOptions embedded(Path directory, boolean temporary) {
        if (directory != null) {
            database(Database.POSTGRESQL_SCHEME, () -> Database.embedded(directory, temporary, names));
        }
        return this;
    }

    /** The schema holding Upsilon's tables; null for the backend's default. */
    public SessionOptions schema(String value) {
        return set("schema", () -> schema = value);
    }

    /** The prefix of Upsilon's table names; null for the backend's default. */
    public SessionOptions tablePrefix(String value) {
        return set("table-prefix", () -> tablePrefix = value);
    }

    /** The kind of cluster lock as the backend names it (PostgreSQL: advisory, lease); null for the default. */
    public SessionOptions lock(String value) {
        return set("lock", () -> lock = value);
    }

    /** How long {@link UpsilonSession#upsilon} waits for the cluster lock; null for {@link #DEFAULT_LOCK_TIMEOUT}. */
    public SessionOptions lockTimeout(Duration value) {
        return set("lock-timeout", () -> lockTimeout = value);
    }

    /** This node's id; null for a generated one ({@code host-pid-random}). */
    public SessionOptions nodeId(String value) {
        return set("node-id", () -> nodeId = value);
    }

    /** Placeholder values by name, on top of the settings' (names are matched in lower case). */
    public SessionOptions placeholders(Map<String, String> value) {
        this.placeholders = value;
        return this;
    }

    /**
     * The manifest: a file or a directory holding {@value Manifest#DEFAULT_RESOURCE}, else the class-path resource
     * {@code defaultResource}; a null {@code defaultResource} opens the session without a manifest.
     */
    public SessionOptions manifest(Path path, String defaultResource) {
        this.defaultManifest = defaultResource;
        return set("manifest", () -> manifest = path);
    }

    /** Jars and class directories to load Java tasks from, with {@code parent} as the loader above them. */
    public SessionOptions classpath(String value, ClassLoader parent) {
        this.parent = parent;
        return set("classpath", () -> classpath = value);
    }

    /** The version to upgrade to; null for the manifest's latest. It must be a version of the manifest. */
    public SessionOptions target(Version value) {
        this.target = value;
        return this;
    }

    /** Whether {@link UpsilonSession#upsilon} validates the history even with nothing pending (an operator's run). */
    public SessionOptions validateAlways(boolean value) {
        this.validateAlways = value;
        return this;
    }

    /**
     * Checks every input, then connects (nothing opens a connection before first use) or calls the
     * {@link #database} supplier.
     *
     * @throws io.upsilon.UpsilonException {@link io.upsilon.ErrorCode#BAD_INPUT} for a bad setting or option, naming
     *         it as the settings' names do; {@link io.upsilon.ErrorCode#UNKNOWN_BACKEND} for a URL no backend on the
     *         class path serves; {@link io.upsilon.ErrorCode#UNKNOWN_VERSION} for a target outside the manifest
     */
    public UpsilonSession open() {
        fromSettings();
        return UpsilonSession.open(this);
    }

    /** The password: only ever from the settings (a file or the environment), so never from a command line. */
    String password() {
        return settings.get(UpsilonSettings.PASSWORD).orElse(null);
    }

    private void fromSettings() {
        url = given.contains("url") ? url : text("url");
        user = given.contains("user") ? user : text("user");
        schema = given.contains("schema") ? schema : text("schema");
        tablePrefix = given.contains("table-prefix") ? tablePrefix : text("table-prefix");
        lock = given.contains("lock") ? lock : text("lock");
        nodeId = given.contains("node-id") ? nodeId : text("node-id");
        classpath = given.contains("classpath") ? classpath : text("classpath");
        manifest = given.contains("manifest") ? manifest : settings.get("manifest").map(String::strip).map(Path::of)
                .orElse(null);
        connectTimeout = given.contains("connect-timeout") ? connectTimeout
                : settings.seconds("connect-timeout").orElse(null);
        connectTimeout = connectTimeout != null ? connectTimeout : Database.DEFAULT_CONNECT_TIMEOUT;
        lockTimeout = given.contains("lock-timeout") ? lockTimeout : settings.seconds("lock-timeout").orElse(null);
        lockTimeout = lockTimeout != null ? lockTimeout : DEFAULT_LOCK_TIMEOUT;
        placeholders = settings.placeholders(placeholders);
    }

    private String text(String key) {
        return settings.get(key).map(String::strip).orElse(null);
    }

    private SessionOptions set(String key, Runnable assignment) {
        assignment.run();
        given.add(key);
        return this;
    }
}
