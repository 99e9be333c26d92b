package io.upsilon;

import io.upsilon.internal.NodeRunner;
import io.upsilon.spi.ChangeFeed;
import io.upsilon.spi.NodeRegistry;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A running node of the service: it registers in the node table, brings the data version up to its software
 * version (or waits while another node does), reports READY only when the data version is one it serves, and
 * fences itself when the data version moves past its compatibility window.
 *
 * <pre>{@code
 * UpsilonNode node = UpsilonNode.builder(config).registry(backend.nodes()).feed(backend.feed()).build();
 * node.start();                       // returns at once; the node is UP
 * ...
 * node.checkWritable();               // per request or transaction: refuses unless READY
 * }</pre>
 *
 * <p>Thread-safe. Close it on shutdown to leave the node table.
 */
public final class UpsilonNode implements AutoCloseable {

    /** The process exit status of a node built with {@link Builder#exitOnFence()} when it is fenced (EX_TEMPFAIL). */
    public static final int FENCED_EXIT_STATUS = 75;

    private final NodeRunner runner;
    private final CompatibilityWindow window;
    private final MaintenanceGate gate;

    private UpsilonNode(NodeRunner runner, CompatibilityWindow window, MaintenanceGate gate) {
        this.runner = runner;
        this.window = window;
        this.gate = gate;
    }

    /** How long beyond its TTL a gone node's row stays in the node table by default. */
    public static final Duration DEFAULT_PRUNE_GONE_AFTER = Duration.ofHours(1);

    public static Builder builder(UpsilonConfig config) {
        return new Builder(config);
    }

    /** Registers the node and starts checking the data version in the background; returns at once. */
    public UpsilonNode start() {
        runner.start();
        return this;
    }

    public NodeState state() {
        return runner.state();
    }

    /** The data versions this node serves. */
    public CompatibilityWindow window() {
        return window;
    }

    /** The data version this node saw last; empty before the first check or on a fresh store. */
    public Optional<Version> dataVersion() {
        return runner.lastSeenDataVersion();
    }

    /** Waits until the node reaches {@code state}; false if it did not within {@code timeout}. */
    public boolean awaitState(NodeState state, Duration timeout) throws InterruptedException {
        return runner.awaitState(state, timeout);
    }

    /**
     * The write guard, for the application to call per request or transaction.
     *
     * @throws UpsilonException {@link ErrorCode#FENCED} when the node is fenced, {@link ErrorCode#NOT_READY} when it
     *                          is not READY yet, {@link ErrorCode#MOVED} when a side-by-side cut-over retired its
     *                          cluster (with a {@linkplain Builder#gate gate} only)
     */
    public void checkWritable() {
        if (gate != null) {
            gate.checkNotMoved();
        }
        runner.checkWritable();
    }

    /**
     * The write guard for traffic that reaches a node that is not serving yet (a direct port, a client without a
     * readiness-aware balancer): while the node is starting, WAITING for another node's upgrade or UPGRADING, the
     * call holds up to the node's {@link Builder#holdWhileWaiting} bound (default 10 s) and returns once the node is
     * READY. Readiness probes are unaffected: the node still reports not ready while it waits.
     *
     * @throws UpsilonException {@link ErrorCode#FENCED} at once when fenced; {@link ErrorCode#MOVED} at once on a
     *                          retired cluster (with a {@linkplain Builder#gate gate} only); {@link ErrorCode#NOT_READY}
     *                          when the node is not READY by the end of the bound, or stays UP after a failed upgrade
     */
    public void awaitWritable() {
        if (gate != null) {
            gate.checkNotMoved();
        }
        try {
            runner.awaitWritable(runner.holdWhileWaiting());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpsilonException(ErrorCode.NOT_READY, "interrupted while waiting for node to be READY");
        }
    }

    /**
     * Checks the write guard, holding while the node is about to serve as {@link #awaitWritable()} does, and counts
     * one unit of work as in flight until the handle is closed, so that a drain
     * ({@code upsilon maintenance enter --drain}) can wait for it.
     */
    public Work beginWork() {
        return beginWork(runner.holdWhileWaiting());
    }

    /** {@link #beginWork()} with its own bound; {@link Duration#ZERO} refuses at once unless READY. */
    public Work beginWork(Duration hold) {
        if (gate != null) {
            gate.checkNotMoved();
        }
        AutoCloseable handle;
        try {
            handle = runner.beginWork(hold);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpsilonException(ErrorCode.NOT_READY, "interrupted while waiting for node to be READY");
        }
        return () -> {
            try {
                handle.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
    }

    /** How much work is in flight on this node now. */
    public int inFlight() {
        return runner.inFlight();
    }

    /** Re-checks the data version now rather than at the next notification or poll. */
    public void refresh() {
        runner.requestEvaluation();
    }

    @Override
    public void close() {
        runner.close();
    }

    /** One unit of in-flight work; close it when the work is done. */
    @FunctionalInterface
    public interface Work extends AutoCloseable {
        @Override
        void close();
    }

    /** Builds an {@link UpsilonNode}; checked at {@link #build()}. */
    public static final class Builder {
        private final UpsilonConfig config;
        private NodeRegistry registry;
        private ChangeFeed feed;
        private CompatibilityWindow window;
        private String host;
        private Duration heartbeat = Duration.ofSeconds(5);
        private Duration ttl = Duration.ofSeconds(20);
        private Duration pollInterval = Duration.ofSeconds(2);
        private Duration failureBackoff = Duration.ofSeconds(30);
        private boolean upgradeOnStart = true;
        private Runnable onFenced = () -> { };
        private MaintenanceGate gate;
        private Duration holdWhileWaiting = Duration.ofSeconds(10);
        private boolean terminateStraySessions = true;
        private Duration pruneGoneAfter = DEFAULT_PRUNE_GONE_AFTER;

        private Builder(UpsilonConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        public Builder registry(NodeRegistry value) {
            this.registry = value;
            return this;
        }

        public Builder feed(ChangeFeed value) {
            this.feed = value;
            return this;
        }

        /** The data versions this software serves; by default its own and the previous manifest version. */
        public Builder window(CompatibilityWindow value) {
            this.window = value;
            return this;
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        /** How often the node renews its row in the node table (default 5 s). */
        public Builder heartbeat(Duration value) {
            this.heartbeat = value;
            return this;
        }

        /** After how long without a heartbeat the node counts as gone (default 20 s). */
        public Builder ttl(Duration value) {
            this.ttl = value;
            return this;
        }

        /** The polling fallback behind LISTEN/NOTIFY (default 2 s). */
        public Builder pollInterval(Duration value) {
            this.pollInterval = value;
            return this;
        }

        /** How long a node whose upgrade failed waits before trying again (default 30 s). */
        public Builder failureBackoff(Duration value) {
            this.failureBackoff = value;
            return this;
        }

        /** Whether the node upgrades the data to its own version on start (default true). */
        public Builder upgradeOnStart(boolean value) {
            this.upgradeOnStart = value;
            return this;
        }

        /** What to do once fenced, after refusing writes; e.g. exit so the orchestrator replaces the node. */
        public Builder onFenced(Runnable value) {
            this.onFenced = value;
            return this;
        }

        /**
         * The cluster's maintenance gate: the write guard then also refuses work once a side-by-side cut-over has
         * retired the cluster ({@link ErrorCode#MOVED}), so a caller that bypasses the gate cannot write there.
         */
        public Builder gate(MaintenanceGate value) {
            this.gate = value;
            return this;
        }

        /**
         * How long {@link #beginWork()} and {@link #awaitWritable()} hold work while the node is about to serve
         * (starting, WAITING, UPGRADING) before refusing with {@link ErrorCode#NOT_READY} (default 10 s;
         * {@link Duration#ZERO}: refuse at once). Each held request keeps its thread, so keep it short.
         */
        public Builder holdWhileWaiting(Duration value) {
            this.holdWhileWaiting = value;
            return this;
        }

        /**
         * Whether this node, right after its upgrade commits a new data version, ends the database sessions of the
         * live nodes whose compatibility window does not hold it (sessions tagged {@code application_name}
         * {@code upsilon:NODE_ID}; default true). Such a node fences itself once it hears of the bump; ending its
         * sessions closes the gap before that, also for a service that only runs Upsilon as a sidecar. It needs the
         * nodes' role or {@code pg_signal_backend}; a failure is logged and never fails the upgrade.
         */
        public Builder terminateStraySessions(boolean value) {
            this.terminateStraySessions = value;
            return this;
        }

        /**
         * After how long beyond its TTL without a heartbeat a node's row is deleted from the node table (default
         * 1 h): a crashed node, or a fenced one that was stopped (fenced rows stay listed until then).
         */
        public Builder pruneGoneAfter(Duration value) {
            this.pruneGoneAfter = value;
            return this;
        }

        /** Exit the process with status {@link #FENCED_EXIT_STATUS} (75, EX_TEMPFAIL) when fenced. */
        public Builder exitOnFence() {
            return onFenced(() -> System.exit(FENCED_EXIT_STATUS));
        }

        public UpsilonNode build() {
            if (registry == null || feed == null) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "a node needs a node registry and a change feed;"
                        + " take both from the backend, e.g. PostgresBackend.nodes() and feed()");
            }
            for (Duration d : new Duration[] {heartbeat, ttl, pollInterval, failureBackoff, pruneGoneAfter}) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new UpsilonException(ErrorCode.BAD_INPUT, "node intervals must be positive, got " + d);
                }
            }
            if (holdWhileWaiting == null || holdWhileWaiting.isNegative()) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "the hold while waiting must be 0 or more, got "
                        + holdWhileWaiting);
            }
            if (ttl.compareTo(heartbeat) <= 0) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "the node TTL (" + ttl + ") must be longer than its"
                        + " heartbeat (" + heartbeat + ")");
            }
            CompatibilityWindow w = window != null ? window
                    : CompatibilityWindow.defaultFor(config.manifest(), config.softwareVersion());
            NodeRunner runner = new NodeRunner(config, new NodeRunner.Settings(registry, feed, w,
                    host != null ? host : localHost(), heartbeat, ttl, pollInterval, failureBackoff, upgradeOnStart,
                    Objects.requireNonNull(onFenced), holdWhileWaiting, terminateStraySessions, pruneGoneAfter));
            return new UpsilonNode(runner, w, gate);
        }

        /** The host name from the environment (Kubernetes sets the pod name), else the JDK's (which may ask DNS). */
        private static String localHost() {
            String env = System.getenv("HOSTNAME");
            if (env != null && !env.isBlank()) {
                return env;
            }
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (Exception e) {
                return "unknown";
            }
        }
    }
}
