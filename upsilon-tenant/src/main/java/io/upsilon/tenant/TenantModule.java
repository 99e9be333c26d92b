package io.upsilon.tenant;

import io.upsilon.ModuleId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One module's per-tenant storage, as Okapi's tenant interface sees it. Every call is all or nothing: a tenant's data
 * is either fully at the new version or exactly as before.
 */
public interface TenantModule {

    /** The module's name, e.g. {@code mod-transfers}. */
    String name();

    /**
     * Installs, upgrades or downgrades the tenant to {@code to}. {@code from} is what the caller believes the
     * tenant has; the registry is the truth, and a different belief is REJECTED.
     *
     * @param parameters Okapi's tenant parameters, passed on to the tasks' logs
     */
    TenantResult init(TenantId tenant, Optional<ModuleId> from, ModuleId to, Map<String, String> parameters);

    /**
     * Removes the tenant's data of this module and its registry row.
     *
     * @return whether there was anything to remove
     */
    boolean purge(TenantId tenant);

    /** The registry rows of this module, by tenant. */
    List<TenantRecord> tenants();
}
