package io.upsilon.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.upsilon.MaintenanceGate;
import io.upsilon.NodeState;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The probes. {@code /health/up} is 200 as soon as the node has started, through a long upgrade too, so a liveness
 * probe never kills a node that is busy upgrading; {@code /health/ready} is 200 only when READY.
 */
final class HealthRoutes {

    private final UpsilonNode node;
    private final MaintenanceGate gate;
    private final boolean maintenanceBlocksReadiness;

    HealthRoutes(UpsilonNode node, MaintenanceGate gate, boolean maintenanceBlocksReadiness) {
        this.node = node;
        this.gate = gate;
        this.maintenanceBlocksReadiness = maintenanceBlocksReadiness;
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
        boolean ready = state.isReady() && !blocked;
        ctx.status(ready ? 200 : 503).json(body(state, blocked ? "maintenance window open" : null));
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
