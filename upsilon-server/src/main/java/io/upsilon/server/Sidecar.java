package io.upsilon.server;

import io.upsilon.ErrorCode;
import io.upsilon.NodeState;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.spi.ChangeFeed;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.NodeRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A node and its HTTP endpoint run as one process beside a service not written in Java ({@code upsilon serve}): the
 * {@link UpsilonNode} (registered in the node table, upgrading or waiting, fencing itself) and an
 * {@link UpsilonServer} with its probes, {@code /status} and control endpoints.
 *
 * <pre>{@code
 * try (Sidecar sidecar = Sidecar.builder(config, backend.nodes(), backend.feed(), backend.maintenance())
 *         .controlToken(System.getenv("UPSILON_CONTROL_TOKEN")).port(8081).build()) {
 *     sidecar.listen().startNode();   // the probes answer from now on; /health/up stays 200 through an upgrade
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops the node first (it leaves the node table, or stays there FENCED for the operator to see),
 * then the HTTP server, so the probes answer until the node is gone, then the resources handed to
 * {@link Builder#closing}, newest first. It may be called more than once and from a shutdown hook: the first call
 * closes, the others return at once.
 */
public final class Sidecar implements AutoCloseable {

    private final UpsilonConfig config;
    private final UpsilonNode node;
    private final UpsilonServer server;
    private final String host;
    private final int port;
    private final List<AutoCloseable> resources;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Sidecar(Builder b, UpsilonNode node, UpsilonServer server) {
        this.config = b.config;
        this.node = node;
        this.server = server;
        this.host = b.host;
        this.port = b.port;
        this.resources = List.copyOf(b.resources);
    }

    /** A sidecar of the node that {@code config} describes, on the backend's node table, feed and maintenance flag. */
    public static Builder builder(UpsilonConfig config, NodeRegistry nodes, ChangeFeed feed,
                                  MaintenanceStore maintenance) {
        return new Builder(config, nodes, feed, maintenance);
    }

    /**
     * Starts the HTTP server before the node, so the probes answer (not up, not ready) from here on. Returns this
     * sidecar.
     *
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} "cannot listen on HOST:PORT (why)" when the address cannot
     *                          be bound, e.g. the port is taken
     */
    public Sidecar listen() {
        try {
            server.start();
        } catch (RuntimeException e) {
            server.close();
            String why = e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().strip().replaceAll("\\s*\\R\\s*", " ");
            throw new UpsilonException(ErrorCode.BAD_INPUT, "cannot listen on " + host + ":" + port + " (" + why
                    + ")", e);
        }
        return this;
    }

    /** Starts the node: it registers, upgrades the data or waits for another node to, and turns READY. */
    public Sidecar startNode() {
        node.start();
        return this;
    }

    /**
     * Starts the node ({@link #startNode()}) and serves until the JVM shuts down (SIGTERM, Ctrl-C) or the calling
     * thread is interrupted: what a sidecar process's main thread does after {@link #listen()}.
     *
     * <p>On JVM shutdown a shutdown hook tells {@code stopping} this sidecar (e.g. to log {@link #stopping()}), then
     * closes it; the JVM then ends and this call never returns. On an interrupt this sidecar is closed with the
     * thread's interrupt flag clear (the HTTP server's stop waits), the flag is set again, and the call returns. The
     * hook is removed before it returns.
     *
     * @param stopping told this sidecar on JVM shutdown, before it closes; not called on an interrupt
     */
    public void runUntilStopped(Consumer<Sidecar> stopping) {
        Objects.requireNonNull(stopping, "stopping");
        Thread hook = new Thread(() -> {
            if (!closed.get()) {
                stopping.accept(this);
            }
            close();
        }, "upsilon-sidecar-shutdown");
        Runtime.getRuntime().addShutdownHook(hook); // before the node registers, so its row never outlives a SIGTERM
        try {
            startNode();
            new CountDownLatch(1).await(); // until the JVM ends or this thread is interrupted
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down; the hook is running or has run
            }
        }
    }

    /** The node. */
    public UpsilonNode node() {
        return node;
    }

    /** The node's id ({@link UpsilonConfig#nodeId()}). */
    public String nodeId() {
        return config.nodeId();
    }

    /** The software version the node runs ({@link UpsilonConfig#softwareVersion()}). */
    public Version softwareVersion() {
        return config.softwareVersion();
    }

    /** The address the server listens on, e.g. {@code http://127.0.0.1:8081} (the real port when built with 0). */
    public String url() {
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.port();
    }

    /**
     * The sidecar in words, once it listens: {@code Listening on http://127.0.0.1:8081 as node web-1 (software version
     * 1.1, serves data versions [1.0, 1.1], advisory lock)}.
     */
    public String describe() {
        return "Listening on " + url() + " as node " + nodeId() + " (software version " + softwareVersion()
                + ", serves data versions " + node.window() + ", " + config.lock().kind() + " lock)";
    }

    /** What stopping does to the node's row in the node table, as a sentence for the operator (see {@link #close()}). */
    public String stopping() {
        if (node.state() == NodeState.FENCED) {
            return "it is FENCED, so its row stays in the node table for the operator to see (GONE once its"
                    + " heartbeat stops) until a running node prunes it, " + UpsilonNode.DEFAULT_PRUNE_GONE_AFTER
                    .toMinutes() + " minutes after its TTL ran out.";
        }
        return "it deletes its row from the node table.";
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<AutoCloseable> parts = new ArrayList<>(resources);
        parts.add(server);
        parts.add(node);
        Collections.reverse(parts);
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                // go on closing the rest: the database must still be released
            }
        }
    }

    /** Builds a {@link Sidecar}; the HTTP settings are {@link UpsilonServer.Builder}'s. */
    public static final class Builder {
        private final UpsilonConfig config;
        private final UpsilonNode.Builder node;
        private final NodeRegistry nodes;
        private final MaintenanceStore maintenance;
        private final List<ServerRoutes> routes = new ArrayList<>();
        private final List<AutoCloseable> resources = new ArrayList<>();
        private String controlToken;
        private String host = "127.0.0.1";
        private int port = 8081;
        private UnaryOperator<String> redact = UnaryOperator.identity();

        private Builder(UpsilonConfig config, NodeRegistry nodes, ChangeFeed feed, MaintenanceStore maintenance) {
            this.config = Objects.requireNonNull(config, "config");
            this.nodes = nodes;
            this.maintenance = maintenance;
            this.node = UpsilonNode.builder(config).registry(nodes).feed(feed);
        }

        /** When true, the process exits with {@link UpsilonNode#FENCED_EXIT_STATUS} once the node is fenced. */
        public Builder exitOnFence(boolean value) {
            if (value) {
                node.exitOnFence();
            }
            return this;
        }

        /** {@link UpsilonServer.Builder#controlToken}. */
        public Builder controlToken(String value) {
            this.controlToken = value;
            return this;
        }

        /** {@link UpsilonServer.Builder#host}; 127.0.0.1 by default. */
        public Builder host(String value) {
            this.host = Objects.requireNonNull(value, "host");
            return this;
        }

        /** {@link UpsilonServer.Builder#port}; 8081 by default, 0 picks a free one. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** {@link UpsilonServer.Builder#redact}. */
        public Builder redact(UnaryOperator<String> value) {
            this.redact = Objects.requireNonNull(value, "redact");
            return this;
        }

        /** {@link UpsilonServer.Builder#routes}: an add-on's routes, e.g. upsilon-tenant-server's. */
        public Builder routes(ServerRoutes value) {
            this.routes.add(Objects.requireNonNull(value, "routes"));
            return this;
        }

        /**
         * Something the node or an add-on uses (the backend's connections, a class loader), closed after the node and
         * the server by {@link Sidecar#close()}, newest first. Returns {@code resource}.
         */
        public <T extends AutoCloseable> T closing(T resource) {
            resources.add(Objects.requireNonNull(resource, "resource"));
            return resource;
        }

        /** @throws UpsilonException {@code BAD_INPUT} as {@link UpsilonServer.Builder#build()} and the node's build */
        public Sidecar build() {
            UpsilonNode built = node.build();
            UpsilonServer.Builder server = UpsilonServer.builder(Upsilon.create(config), built)
                    .nodes(nodes).maintenance(maintenance).controlToken(controlToken).redact(redact).host(host)
                    .port(port);
            routes.forEach(server::routes);
            return new Sidecar(this, built, server.build());
        }
    }
}
