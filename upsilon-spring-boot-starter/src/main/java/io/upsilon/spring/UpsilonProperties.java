package io.upsilon.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code upsilon.*} properties of the starter. Everything has a default, so a service needs only the starter
 * and its manifest ({@code upsilon.tasks} on the class path).
 */
@ConfigurationProperties(prefix = "upsilon")
public class UpsilonProperties {

    /** Whether Upsilon runs at all: false turns off the upgrade, readiness, gate, endpoint, health and metrics. */
    private boolean enabled = true;

    /**
     * Where the manifest is: a class-path resource name, or a file with the {@code file:} prefix. Default: the
     * resource {@code upsilon.tasks}.
     */
    private String manifest = "upsilon.tasks";

    /**
     * The software version of this build. Default: the version of the build info ({@code BuildProperties}, from
     * {@code META-INF/build-info.properties}) when there is one, else the manifest's latest version.
     */
    private String softwareVersion;

    /** The cluster lock: advisory (session lock on a dedicated non-pooled connection) or lease (works with pools). */
    private LockKind lock = LockKind.ADVISORY;

    /** This node's id in the node table, the lock and the history. Default: host name, process id, random suffix. */
    private String nodeId;

    /**
     * The data versions this software serves. Default: its own and the previous version of the manifest (N-1).
     */
    private List<String> compatibilityWindow = new ArrayList<>();

    /** The polling fallback behind LISTEN/NOTIFY, for the data version and the maintenance window. */
    private Duration pollInterval = Duration.ofSeconds(2);

    /**
     * How long start-up waits for this node's own upgrade before it goes on with the upgrade running in the
     * background (not ready until it is done). A node that lost the upgrade race never waits: it starts WAITING.
     */
    private Duration startupWait = Duration.ofMinutes(5);

    /**
     * The token that the POST operations of {@code /actuator/upsilon} (maintenance-enter, maintenance-exit, fence)
     * need in their body; without one they are disabled.
     */
    private String controlToken;

    /** Exit the process (status 75) when the node is fenced, so that the orchestrator replaces it. */
    private boolean exitOnFence;

    /** The JDBC URL of Upsilon's own non-pooled connections; default: the application's DataSource's. */
    private String url;

    /** The user of Upsilon's own connections; default: the application's DataSource's. */
    private String user;

    /** The password of Upsilon's own connections; default: the application's DataSource's. */
    private String password;

    private final Postgres postgres = new Postgres();

    private final Gate gate = new Gate();

    /** Which cluster lock the node takes. */
    public enum LockKind {
        /** A PostgreSQL session advisory lock on a dedicated, non-pooled connection. */
        ADVISORY,
        /** A lease row renewed by a heartbeat: works over a pool and behind PgBouncer in transaction mode. */
        LEASE
    }

    /** Where Upsilon keeps its tables. */
    public static class Postgres {
        /** The schema of Upsilon's tables. */
        private String schema = "public";

        /** The prefix of Upsilon's table names. */
        private String tablePrefix = "upsilon_";

        /** PostgreSQL lock_timeout for upgrade tasks. */
        private Duration lockTimeout = Duration.ofSeconds(5);

        public String getSchema() {
            return schema;
        }

        public void setSchema(String schema) {
            this.schema = schema;
        }

        public String getTablePrefix() {
            return tablePrefix;
        }

        public void setTablePrefix(String tablePrefix) {
            this.tablePrefix = tablePrefix;
        }

        public Duration getLockTimeout() {
            return lockTimeout;
        }

        public void setLockTimeout(Duration lockTimeout) {
            this.lockTimeout = lockTimeout;
        }
    }

    /** The maintenance gate and write guard in front of the application's own routes. */
    public static class Gate {
        /** Whether the servlet filter is registered. */
        private boolean enabled = true;

        /** The URL patterns the filter guards (servlet patterns, e.g. /api/*). */
        private List<String> urlPatterns = new ArrayList<>(List.of("/*"));

        /** Path prefixes the filter lets through untouched (probes must answer while the node is not ready). */
        private List<String> excludedPaths = new ArrayList<>(List.of("/actuator"));

        /** How long a request waits for an open maintenance window to close before it gets 503. */
        private Duration maxWait = Duration.ofSeconds(10);

        public List<String> getExcludedPaths() {
            return excludedPaths;
        }

        public void setExcludedPaths(List<String> excludedPaths) {
            this.excludedPaths = excludedPaths;
        }

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public List<String> getUrlPatterns() {
            return urlPatterns;
        }

        public void setUrlPatterns(List<String> urlPatterns) {
            this.urlPatterns = urlPatterns;
        }

        public Duration getMaxWait() {
            return maxWait;
        }

        public void setMaxWait(Duration maxWait) {
            this.maxWait = maxWait;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getManifest() {
        return manifest;
    }

    public void setManifest(String manifest) {
        this.manifest = manifest;
    }

    public String getSoftwareVersion() {
        return softwareVersion;
    }

    public void setSoftwareVersion(String softwareVersion) {
        this.softwareVersion = softwareVersion;
    }

    public LockKind getLock() {
        return lock;
    }

    public void setLock(LockKind lock) {
        this.lock = lock;
    }

    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    public List<String> getCompatibilityWindow() {
        return compatibilityWindow;
    }

    public void setCompatibilityWindow(List<String> compatibilityWindow) {
        this.compatibilityWindow = compatibilityWindow;
    }

    public Duration getPollInterval() {
        return pollInterval;
    }

    public void setPollInterval(Duration pollInterval) {
        this.pollInterval = pollInterval;
    }

    public Duration getStartupWait() {
        return startupWait;
    }

    public void setStartupWait(Duration startupWait) {
        this.startupWait = startupWait;
    }

    public String getControlToken() {
        return controlToken;
    }

    public void setControlToken(String controlToken) {
        this.controlToken = controlToken;
    }

    public boolean isExitOnFence() {
        return exitOnFence;
    }

    public void setExitOnFence(boolean exitOnFence) {
        this.exitOnFence = exitOnFence;
    }

    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    public String getUser() {
        return user;
    }

    public void setUser(String user) {
        this.user = user;
    }

    public String getPassword() {
        return password;
    }

    public void setPassword(String password) {
        this.password = password;
    }

    public Postgres getPostgres() {
        return postgres;
    }

    public Gate getGate() {
        return gate;
    }
}
