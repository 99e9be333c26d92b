package io.upsilon.server;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.upsilon.ErrorCode;
import io.upsilon.MaintenanceGate;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonException;
import io.upsilon.UpsilonNode;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.NodeRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * The node's HTTP endpoint: {@code GET /health/up} (liveness and startup probe), {@code GET /health/ready}
 * (readiness), {@code GET /status}, the control endpoints {@code POST /maintenance} and {@code POST /fence}, which
 * need the bearer token from configuration and are disabled without one, and the routes of add-ons
 * ({@link Builder#routes(ServerRoutes)}, e.g. upsilon-tenant-server's Okapi tenant interface). Binds to 127.0.0.1
 * unless told.
 *
 * <pre>{@code
 * UpsilonServer server = UpsilonServer.builder(upsilon, node)
 *         .nodes(backend.nodes()).maintenance(backend.maintenance())
 *         .controlToken(System.getenv("UPSILON_CONTROL_TOKEN")).port(8081).build().start();
 * }</pre>
 */
public final class UpsilonServer implements AutoCloseable {

    private final Builder settings;
    private Javalin app;

    private UpsilonServer(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder(Upsilon upsilon, UpsilonNode node) {
        return new Builder(upsilon, node);
    }

    /** Starts listening; returns this server. */
    public synchronized UpsilonServer start() {
        app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.jsonMapper(new JavalinJackson(Json.MAPPER, false));
            config.http.maxRequestSize = RequestBody.MAX_BYTES;
        });
        RequestBody.register(app);
        new HealthRoutes(settings.node, settings.gate, settings.maintenanceBlocksReadiness, settings.serviceReady)
                .register(app);
        new StatusRoute(settings.upsilon, settings.node, settings.nodes, settings.maintenance, settings.redact)
                .register(app);
        TokenCheck tokens = new TokenCheck(settings.controlToken);
        new ControlRoutes(tokens, settings.nodes, settings.maintenance).register(app);
        ControlAccess control = new ControlAccess(tokens);
        settings.routes.forEach(routes -> routes.register(app, control));
        app.exception(UpsilonException.class, (e, ctx) -> ctx.status(e.code().httpStatus())
                .json(Json.error(e.code().name(), settings.redact.apply(e.getMessage()))));
        app.start(settings.host, settings.port);
        return this;
    }

    /** The port it listens on (useful with port 0). */
    public int port() {
        return app.port();
    }

    @Override
    public synchronized void close() {
        if (app != null) {
            app.stop();
        }
    }

    /** Builds an {@link UpsilonServer}. */
    public static final class Builder {
        private final Upsilon upsilon;
        private final UpsilonNode node;
        private NodeRegistry nodes;
        private MaintenanceStore maintenance;
        private MaintenanceGate gate;
        private final List<ServerRoutes> routes = new ArrayList<>();
        private String controlToken;
        private String host = "127.0.0.1";
        private int port = 8081;
        private boolean maintenanceBlocksReadiness;
        private BooleanSupplier serviceReady = () -> true;
        private UnaryOperator<String> redact = UnaryOperator.identity();

        private Builder(Upsilon upsilon, UpsilonNode node) {
            this.upsilon = Objects.requireNonNull(upsilon, "upsilon");
            this.node = Objects.requireNonNull(node, "node");
        }

        /** The node table, for {@code /status} and {@code /fence}. */
        public Builder nodes(NodeRegistry value) {
            this.nodes = value;
            return this;
        }

        /** The maintenance flag, for {@code /status} and {@code /maintenance}. */
        public Builder maintenance(MaintenanceStore value) {
            this.maintenance = value;
            return this;
        }

        /** The node's gate; readiness consults it when {@link #maintenanceBlocksReadiness(boolean)} is set. */
        public Builder gate(MaintenanceGate value) {
            this.gate = value;
            return this;
        }

        /**
         * Also serve an add-on's routes, e.g. Okapi's tenant interface from upsilon-tenant-server
         * ({@code TenantServerRoutes.of(module)}); may be called more than once.
         */
        public Builder routes(ServerRoutes value) {
            this.routes.add(Objects.requireNonNull(value, "routes"));
            return this;
        }

        /** The bearer token of the control endpoints; null or blank disables them. Never logged. */
        public Builder controlToken(String value) {
            this.controlToken = value;
            return this;
        }

        /** The address to bind; 127.0.0.1 by default, so nothing is exposed unless asked for. */
        public Builder host(String value) {
            this.host = value;
            return this;
        }

        /** The port; 0 picks a free one. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Whether an open maintenance window makes this node not ready (e.g. the old cluster during a cut-over). */
        public Builder maintenanceBlocksReadiness(boolean value) {
            this.maintenanceBlocksReadiness = value;
            return this;
        }

        /**
         * The service's own readiness beyond the data version: {@code /health/ready} is 200 only when the node is
         * READY and {@code check} returns true, e.g. once the service has warmed its request paths and connection
         * pool, so a new node takes traffic at full speed. Asked on every probe of a READY node; it must be cheap
         * and must not throw. Default: always true.
         */
        public Builder serviceReady(BooleanSupplier check) {
            this.serviceReady = Objects.requireNonNull(check, "check");
            return this;
        }

        /**
         * Applied to every text the server answers that did not come from the server itself (history errors in
         * {@code /status}, error messages), so that secrets a database echoed back (a password quoted in a failed
         * statement) never leave over HTTP. Default: unchanged.
         */
        public Builder redact(UnaryOperator<String> value) {
            this.redact = Objects.requireNonNull(value, "redact");
            return this;
        }

        public UpsilonServer build() {
            if (nodes == null || maintenance == null) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "the server needs the node registry and the"
                        + " maintenance store; take them from the backend (Backend.nodes(), maintenance())");
            }
            if (port < 0 || port > 65535) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "port " + port + " is not a TCP port");
            }
            if (maintenanceBlocksReadiness && gate == null) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "maintenanceBlocksReadiness needs the node's gate");
            }
            return new UpsilonServer(this);
        }

        Optional<String> token() {
            return Optional.ofNullable(controlToken).filter(t -> !t.isBlank());
        }
    }
}
