package io.upsilon.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.upsilon.ErrorCode;
import io.upsilon.MaintenanceGate;
import io.upsilon.UpsilonException;
import io.upsilon.UpsilonNode;
import io.upsilon.spi.MaintenanceWindow;

/**
 * The maintenance gate and the write guard as a Javalin before-handler for the application's own routes: while
 * the window is open a request waits (up to the gate's bound), then gets 503 with {@code Retry-After}. A node that is
 * WAITING for another node's upgrade (or upgrading itself) holds the request up to its
 * {@link UpsilonNode.Builder#holdWhileWaiting} bound and serves it once READY; a node still not READY after that, or
 * FENCED, answers 503 so the client or load balancer retries elsewhere. On a cluster a side-by-side
 * cut-over retired (its window's reason is {@code moved}) every request gets 503 at once, with the error code
 * {@code MOVED}, a message naming the new location and the header {@link #MOVED_HEADER} (the location, or
 * {@code true} when none was given), so a router can send it again to the new cluster.
 *
 * <pre>{@code app.before("/transfers*", GateHandler.of(gate, node));}</pre>
 */
public final class GateHandler implements Handler {

    /** The header of a retired cluster's 503: where the service moved ({@code true} when not known). */
    public static final String MOVED_HEADER = "X-Upsilon-Moved";

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
            if (e.code() == ErrorCode.MOVED) {
                ctx.header(MOVED_HEADER, gate.window().map(MaintenanceWindow::location).orElse("true"));
            }
            ctx.status(e.code().httpStatus()).json(Json.error(e.code().name(), e.getMessage()));
            ctx.skipRemainingHandlers();
        }
    }
}
