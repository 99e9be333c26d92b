package io.upsilon.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.upsilon.MaintenanceGate;
import io.upsilon.UpsilonException;
import io.upsilon.UpsilonNode;

/**
 * The maintenance gate and the write guard as a Javalin before-handler for the application's own routes: while
 * the window is open a request waits (up to the gate's bound), then gets 503 with {@code Retry-After}. A node that is
 * WAITING for another node's upgrade (or upgrading itself) holds the request up to its
 * {@link UpsilonNode.Builder#holdWhileWaiting} bound and serves it once READY; a node still not READY after that, or
 * FENCED, answers 503 so the client or load balancer retries elsewhere.
 *
 * <pre>{@code app.before("/transfers*", GateHandler.of(gate, node));}</pre>
 */
public final class GateHandler implements Handler {

    private final MaintenanceGate gate;
    private final UpsilonNode node;

    private GateHandler(MaintenanceGate gate, UpsilonNode node) {
        this.gate = gate;
        this.node = node;
    }

    public static GateHandler of(MaintenanceGate gate, UpsilonNode node) {
        return new GateHandler(gate, node);
    }

    @Override
    public void handle(Context ctx) throws Exception {
        try {
            gate.await();
            node.awaitWritable(); // holds while the node waits for the schema, instead of 503 at once
        } catch (UpsilonException e) {
            ctx.header("Retry-After", Long.toString(Math.max(1, gate.retryAfter().toSeconds())));
            ctx.status(e.code().httpStatus()).json(Json.error(e.code().name(), e.getMessage()));
            ctx.skipRemainingHandlers();
        }
    }
}
