package io.upsilon.tenant;

import io.upsilon.ModuleId;
import io.upsilon.Version;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One module's per-tenant storage, as Okapi's tenant interface sees it. Every call is all or nothing: a tenant's data
 * is either fully at the new version or exactly as before, and one tenant's failure leaves the others alone. Every
 * implementation passes {@code AbstractTenantModuleContractTest} (in this module's test sources, published as its
 * {@code tests} jar).
 */
public interface TenantModule {

    /** The module's name, e.g. {@code mod-transfers}. */
    String name();

    /**
     * Installs, upgrades or downgrades the tenant to {@code to}, and enables the module for it. The module consults
     * the data it has stored for the tenant and acts on that, whatever {@code from} says (Okapi's upgrade call is
     * "not different from the original POST"): no data is an install (CREATED), data at {@code to} is UNCHANGED,
     * other data is upgraded or downgraded from its stored version. The result's {@code from} is the version really
     * started from; a {@code from} that disagreed with it is named in the result's message.
     *
     * @param from       what the caller believes the tenant has (Okapi's {@code module_from}); advisory
     * @param parameters Okapi's tenant parameters; the tasks get them through {@link TenantTaskContext}
     * @return the outcome; a downgrade (to a version before the stored one) is {@code UPGRADED} too, and a failure is
     *         {@code FAILED} with the tenant's data as before and the registry row's last outcome saying so
     * @throws io.upsilon.UpsilonException {@code BAD_INPUT} if {@code to} is not a version of this module
     */
    TenantResult init(TenantId tenant, Optional<ModuleId> from, ModuleId to, Map<String, String> parameters);

    /**
     * Disables the module for the tenant and keeps its data (Okapi's disassociation: {@code module_from} without
     * {@code module_to}). A later {@link #init} enables it again, upgrading from the kept version. Disabling a
     * disabled tenant changes nothing.
     *
     * @return the version the kept data is at; empty when the tenant has no data of this module (nothing to disable)
     */
    Optional<Version> disable(TenantId tenant);

    /**
     * Removes the tenant's data of this module and its registry row; a later {@link #init} creates it anew.
     *
     * @return whether there was anything to remove
     */
    boolean purge(TenantId tenant);

    /** The registry rows of this module, by tenant. */
    List<TenantRecord> tenants();
}
