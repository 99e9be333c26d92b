package io.upsilon.tenant.server;

import io.javalin.Javalin;
import io.upsilon.server.ControlAccess;
import io.upsilon.server.ServerRoutes;
import io.upsilon.tenant.TenantGate;
import io.upsilon.tenant.TenantModule;
import java.util.Objects;

/**
 * Okapi's tenant interface for one tenant module, as routes of an {@link io.upsilon.server.UpsilonServer}: the
 * module's side ({@code POST/DELETE /_/tenant}) and Okapi's ({@code /_/proxy/tenants/{tenant}/modules}, over the
 * tenant registry), behind the server's control token.
 *
 * <pre>{@code
 * UpsilonServer.builder(upsilon, node).nodes(backend.nodes()).maintenance(backend.maintenance())
 *         .routes(TenantServerRoutes.of(module).gate(gate)).controlToken(token).build().start();
 * }</pre>
 */
public final class TenantServerRoutes implements ServerRoutes {

    private final TenantModule module;
    private final TenantGate gate;

    private TenantServerRoutes(TenantModule module, TenantGate gate) {
        this.module = Objects.requireNonNull(module, "module");
        this.gate = gate;
    }

    /** The routes of {@code module}, without a gate. */
    public static TenantServerRoutes of(TenantModule module) {
        return new TenantServerRoutes(module, null);
    }

    /**
     * These routes holding each tenant's requests at {@code gate} while its init runs through them (the module is
     * guarded by it); the application's routes wait at it with {@link TenantGateHandler}.
     */
    public TenantServerRoutes gate(TenantGate value) {
        return new TenantServerRoutes(module, Objects.requireNonNull(value, "gate"));
    }

    @Override
    public void register(Javalin app, ControlAccess control) {
        TenantModule served = gate == null ? module : gate.guard(module);
        new TenantRoutes(control, served).register(app);
        new OkapiRoutes(control, served).register(app);
    }
}
