package io.upsilon.tenant;

import io.upsilon.Version;
import java.util.Optional;

/**
 * What a {@link TenantModule#disable} call did for one tenant, as reports show it ({@code upsilon tenant disable}).
 *
 * @param tenant   the tenant
 * @param module   the module's name
 * @param disabled whether the tenant had data of the module, now disabled and kept; false when it had none
 * @param version  the version its data is kept at; empty when it had none
 */
public record DisableResult(TenantId tenant, String module, boolean disabled, Optional<Version> version) {

    /** Disables {@code module} for {@code tenant} ({@link TenantModule#disable}), keeping its data. */
    public static DisableResult disable(TenantModule module, TenantId tenant) {
        Optional<Version> kept = module.disable(tenant);
        return new DisableResult(tenant, module.name(), kept.isPresent(), kept);
    }

    /** What happened, in one sentence: where the data is kept and how to enable it again, or that there was none. */
    public String describe() {
        return version.map(v -> "Disabled " + module + " for tenant " + tenant + "; its data is kept at " + v
                + ". Enable it again with 'upsilon tenant install --tenant " + tenant + " --module " + module
                + "-VERSION'.").orElse("Nothing to disable: tenant " + tenant + " has no " + module + " data.");
    }
}
