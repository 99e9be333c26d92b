package io.upsilon.tenant.server;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.upsilon.UpsilonException;
import io.upsilon.server.ControlAccess;
import io.upsilon.tenant.TenantGate;
import io.upsilon.tenant.TenantId;

/**
 * The {@link TenantGate} as a Javalin before-handler for the application's own routes: a request for a tenant
 * ({@code X-Okapi-Tenant}) whose install or upgrade is running waits for it, up to the gate's bound, then gets 503
 * with {@code Retry-After}. Other tenants' requests pass at once; a request without a valid tenant header is not
 * this handler's business and passes too (the application answers it).
 *
 * <pre>{@code
 * TenantGate gate = TenantGate.of(Duration.ofSeconds(10));
 * UpsilonServer.builder(upsilon, node).routes(TenantServerRoutes.of(module).gate(gate))…;
 * app.before("/items*", TenantGateHandler.of(gate));
 * }</pre>
 */
public final class TenantGateHandler implements Handler {

    private final TenantGate gate;

    private TenantGateHandler(TenantGate gate) {
        this.gate = gate;
    }

    public static TenantGateHandler of(TenantGate gate) {
        return new TenantGateHandler(gate);
    }

    @Override
    public void handle(Context ctx) {
        TenantId tenant;
        try {
            tenant = TenantId.parse(ctx.header("X-Okapi-Tenant"));
        } catch (UpsilonException e) {
            return;
        }
        try {
            gate.await(tenant);
        } catch (UpsilonException e) {
            ctx.header("Retry-After", Long.toString(gate.retryAfter().toSeconds()));
            ctx.status(e.code().httpStatus()).json(ControlAccess.error(e.code().name(), e.getMessage()));
            ctx.skipRemainingHandlers();
        }
    }
}
