package io.upsilon.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.upsilon.MaintenanceGate;
import io.upsilon.NodeState;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The probes. {@code /health/up} is 200 as soon as the node has started, through a long upgrade too, so a liveness
 * probe never kills a node that is busy upgrading; {@code /health/ready} is 200 only when READY (and the service's own readiness check, if given, holds).
 */
final class HealthRoutes {

    private final UpsilonNode node;
    private final MaintenanceGate gate;
    private final boolean maintenanceBlocksReadiness;
    private final BooleanSupplier serviceReady;

    HealthRoutes(UpsilonNode node, MaintenanceGate gate, boolean maintenanceBlocksReadiness,
                 BooleanSupplier serviceReady) {
        this.node = node;
        this.gate = gate;
        this.maintenanceBlocksReadiness = maintenanceBlocksReadiness;
        this.serviceReady = serviceReady;
    }

    void register(Javalin app) {
        app.get("/health/up", this::up);
        app.get("/health/ready", this::ready);
    }

    private void up(Context ctx) {
        NodeState state = node.state();
        ctx.status(state.isUp() ? 200 : 503).json(body(state, null));
    }

    private void ready(Context ctx) {
        NodeState state = node.state();
        boolean blocked = maintenanceBlocksReadiness && gate.window().isPresent();
        // asked only of a READY node: the service's own readiness (a warm-up) comes after the data's
        boolean warming = state.isReady() && !blocked && !serviceReady.getAsBoolean();
        boolean ready = state.isReady() && !blocked && !warming;
        ctx.status(ready ? 200 : 503).json(body(state, blocked ? "maintenance window open"
                : warming ? "the service is not ready yet (warming up)" : null));
    }

    private Map<String, Object> body(NodeState state, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state);
        body.put("dataVersion", node.dataVersion().map(Version::toString).orElse(null));
        if (reason != null) {
            body.put("reason", reason);
        }
        return body;
    }
}
