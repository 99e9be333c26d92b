package io.upsilon.tenant;

import io.upsilon.ModuleId;
import io.upsilon.Version;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A module whose calls that change a tenant hold that tenant's requests at a {@link TenantGate}. */
final class GatedTenantModule implements TenantModule {

    private final TenantModule module;
    private final TenantGate gate;

    GatedTenantModule(TenantModule module, TenantGate gate) {
        this.module = module;
        this.gate = gate;
    }

    @Override
    public String name() {
        return module.name();
    }

    @Override
    public TenantResult init(TenantId tenant, Optional<ModuleId> from, ModuleId to, Map<String, String> parameters) {
        return gate.hold(tenant, () -> module.init(tenant, from, to, parameters));
    }

    @Override
    public Optional<Version> disable(TenantId tenant) {
        return gate.hold(tenant, () -> module.disable(tenant));
    }

    @Override
    public boolean purge(TenantId tenant) {
        return gate.hold(tenant, () -> module.purge(tenant));
    }

    @Override
    public List<TenantRecord> tenants() {
        return module.tenants();
    }
}
