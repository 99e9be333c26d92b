package io.upsilon;

import io.upsilon.spi.ClusterLock;
import io.upsilon.spi.VersionStore;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;

/**
 * How a node upgrades: the manifest, its software version, the store and lock, and the knobs. Immutable; made by
 * {@link #builder()} and checked in {@link Builder#build()}.
 */
public final class UpsilonConfig {

    private final Manifest manifest;
    private final Version softwareVersion;
    private final Version release;
    private final VersionStore store;
    private final ClusterLock lock;
    private final String nodeId;
    private final Duration lockWaitTimeout;
    private final int taskAttempts;
    private final Duration retryBackoff;
    private final List<UpgradeCallback> callbacks;
    private final UnaryOperator<String> redact;
    private final boolean outOfOrder;
    private final boolean validateAlways;
    private final Placeholders placeholders;

    private UpsilonConfig(Builder b) {
        this.manifest = b.manifest;
        this.softwareVersion = b.softwareVersion != null ? b.softwareVersion : b.manifest.latest().orElse(null);
        this.release = b.release; // null: the software version, also in a copy whose software version changes
        this.store = b.store;
        this.lock = b.lock;
        this.nodeId = b.nodeId != null ? b.nodeId : defaultNodeId();
        this.lockWaitTimeout = b.lockWaitTimeout;
        this.taskAttempts = b.taskAttempts;
        this.retryBackoff = b.retryBackoff;
        this.callbacks = List.copyOf(b.callbacks);
        this.redact = b.redact;
        this.outOfOrder = b.outOfOrder;
        this.validateAlways = b.validateAlways;
        this.placeholders = b.placeholders;
    }

    /** The longest node id: {@code upsilon:} plus the id must fit PostgreSQL's 63-byte application_name. */
    public static final int MAX_NODE_ID = 55;

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this configuration's settings, to derive a changed copy. */
    public Builder toBuilder() {
        Builder b = new Builder().manifest(manifest).softwareVersion(softwareVersion).store(store).lock(lock)
                .nodeId(nodeId).lockWaitTimeout(lockWaitTimeout).taskAttempts(taskAttempts).retryBackoff(retryBackoff);
        callbacks.forEach(b::callback);
        return b.redact(redact).outOfOrder(outOfOrder).validateAlways(validateAlways).placeholders(placeholders)
                .release(release);
    }

    /**
     * A node id that is unique per process and readable in {@code upsilon lock} and {@code pg_stat_activity}: the
     * host name from the environment ({@code HOSTNAME}, which Kubernetes sets to the pod name), the process id and
     * a short random suffix. No DNS lookup and no {@code SecureRandom}: both can stall a start-up for seconds. On
     * Linux the process id is read from {@code /proc/self} rather than through {@link ProcessHandle}, whose first use
     * starts a thread pool (tens of milliseconds of a cold start).
     */
    public static String defaultNodeId() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            host = System.getenv().getOrDefault("COMPUTERNAME", "node");
        }
        String suffix = "-" + processId() + "-" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000,
                0x10000));
        // the id tags sessions as application_name "upsilon:ID", which PostgreSQL cuts at 63 bytes
        StringBuilder safe = new StringBuilder(host.length());
        for (int i = 0; i < host.length() && safe.length() < MAX_NODE_ID - suffix.length(); i++) {
            char c = host.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-');
            safe.append(ok ? c : '-');
        }
        return safe + suffix;
    }

    /** 1 to {@link #MAX_NODE_ID} characters from '!' to '~'; a loop, as a regular expression costs a cold start. */
    private static boolean isPrintableAscii(String id) {
        if (id.isEmpty() || id.length() > MAX_NODE_ID) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            if (id.charAt(i) < 0x21 || id.charAt(i) > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static long processId() {
        try {
            return Long.parseLong(new File("/proc/self").getCanonicalFile().getName());
        } catch (IOException | NumberFormatException e) {
            // not Linux: ask the JDK
        }
        return ProcessHandle.current().pid();
    }

    public Manifest manifest() {
        return manifest;
    }

    /** The version this node's software runs; by default the manifest's latest. */
    public Version softwareVersion() {
        return softwareVersion;
    }

    /**
     * The release this node runs, as the release history records it: by default the software version. A service
     * whose release numbers differ from its data versions (release 1.0.2 on data 1.0.1) sets it, so that
     * {@code upsilon path --rollback} and {@code upsilon rollback} start from the right release.
     */
    public Version release() {
        return release != null ? release : softwareVersion;
    }

    public VersionStore store() {
        return store;
    }

    public ClusterLock lock() {
        return lock;
    }

    public String nodeId() {
        return nodeId;
    }

    /** How long a node waits for the cluster lock before failing with {@link ErrorCode#LOCK_TIMEOUT}. */
    public Duration lockWaitTimeout() {
        return lockWaitTimeout;
    }

    /** How many times a transactional task is tried when it fails transiently (e.g. its lock timeout ran out). */
    public int taskAttempts() {
        return taskAttempts;
    }

    /** The pause before the first retry; doubled for each further retry. */
    public Duration retryBackoff() {
        return retryBackoff;
    }

    /** Applied to a failed task's error text before it reaches a history row, an exception or a log line. */
    public UnaryOperator<String> redact() {
        return redact;
    }

    public List<UpgradeCallback> callbacks() {
        return callbacks;
    }

    /**
     * Whether a task added to a version the data has already passed is run (before the newer versions' tasks)
     * instead of refused with {@link ErrorCode#VALIDATION_FAILED}. Default false.
     */
    public boolean outOfOrder() {
        return outOfOrder;
    }

    /**
     * Whether {@link Upsilon#upgrade()} validates the applied scripts' checksums also when nothing is pending. Default
     * false: a start-up with nothing to do stays one indexed read (it compares the recorded digest of the manifest's
     * task list, which catches an added or removed task, and validates everything when that differs or something is
     * pending). The CLI turns it on.
     */
    public boolean validateAlways() {
        return validateAlways;
    }

    /** The values of the {@code ${name}} placeholders in SQL scripts; none by default. */
    public Placeholders placeholders() {
        return placeholders;
    }

    /** Builds an {@link UpsilonConfig}; not thread-safe. */
    public static final class Builder {
        private Manifest manifest;
        private Version softwareVersion;
        private Version release;
        private VersionStore store;
        private ClusterLock lock;
        private String nodeId;
        private Duration lockWaitTimeout = Duration.ofMinutes(15);
        private int taskAttempts = 3;
        private Duration retryBackoff = Duration.ofMillis(500);
        private final List<UpgradeCallback> callbacks = new ArrayList<>();
        private UnaryOperator<String> redact = UnaryOperator.identity();
        private boolean outOfOrder;
        private boolean validateAlways;
        private Placeholders placeholders = Placeholders.none();

        private Builder() {
        }

        public Builder manifest(Manifest value) {
            this.manifest = value;
            return this;
        }

        public Builder softwareVersion(Version value) {
            this.softwareVersion = value;
            return this;
        }

        /** The release the release history records for this node; default: the software version. */
        public Builder release(Version value) {
            this.release = value;
            return this;
        }

        public Builder store(VersionStore value) {
            this.store = value;
            return this;
        }

        public Builder lock(ClusterLock value) {
            this.lock = value;
            return this;
        }

        public Builder nodeId(String value) {
            this.nodeId = value;
            return this;
        }

        public Builder lockWaitTimeout(Duration value) {
            this.lockWaitTimeout = value;
            return this;
        }

        public Builder taskAttempts(int value) {
            this.taskAttempts = value;
            return this;
        }

        public Builder retryBackoff(Duration value) {
            this.retryBackoff = value;
            return this;
        }

        /**
         * Masks secrets in what the database says about a failed task (a statement's literal echoed in its error)
         * before the text reaches a history row, an exception or a log; e.g. replace the database password. The
         * engine never sees the password itself, so only the caller can name it. Default: unchanged.
         */
        public Builder redact(UnaryOperator<String> value) {
            this.redact = Objects.requireNonNull(value, "redact");
            return this;
        }

        /** See {@link UpsilonConfig#outOfOrder()}. */
        public Builder outOfOrder(boolean value) {
            this.outOfOrder = value;
            return this;
        }

        /** See {@link UpsilonConfig#validateAlways()}. */
        public Builder validateAlways(boolean value) {
            this.validateAlways = value;
            return this;
        }

        /** The placeholder values; see {@link Placeholders}. */
        public Builder placeholders(Placeholders value) {
            this.placeholders = Objects.requireNonNull(value, "placeholders");
            return this;
        }

        /** The placeholder values by name; see {@link Placeholders#of}. */
        public Builder placeholders(java.util.Map<String, String> values) {
            return placeholders(Placeholders.of(values));
        }

        public Builder callback(UpgradeCallback value) {
            this.callbacks.add(Objects.requireNonNull(value, "callback"));
            return this;
        }

        /**
         * Checks and freezes the configuration.
         *
         * @throws UpsilonException {@link ErrorCode#BAD_INPUT} naming the missing or wrong setting
         */
        public UpsilonConfig build() {
            require(manifest != null, "a manifest is required");
            require(store != null, "a version store is required");
            require(lock != null, "a cluster lock is required");
            require(softwareVersion != null || manifest.latest().isPresent(),
                    "the software version is required when the manifest is empty");
            require(lockWaitTimeout != null && !lockWaitTimeout.isNegative(), "the lock wait timeout must be >= 0");
            require(taskAttempts >= 1, "task attempts must be at least 1, got " + taskAttempts);
            require(retryBackoff != null && !retryBackoff.isNegative(), "the retry backoff must be >= 0");
            require(nodeId == null || isPrintableAscii(nodeId), "the node id must be 1 to "
                    + MAX_NODE_ID + " printable ASCII characters without spaces (it tags database sessions), got '"
                    + nodeId + "'");
            return new UpsilonConfig(this);
        }

        private static void require(boolean ok, String message) {
            if (!ok) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "invalid Upsilon configuration: " + message);
            }
        }
    }
}
