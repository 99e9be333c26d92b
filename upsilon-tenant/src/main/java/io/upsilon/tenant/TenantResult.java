package io.upsilon.tenant;

import io.upsilon.Version;
import java.util.Optional;

/**
 * What one init call did for one tenant.
 *
 * @param tenant  the tenant
 * @param module  the module name
 * @param from    the version before (empty for a new tenant)
 * @param to      the version asked for
 * @param outcome the outcome
 * @param message why, for REJECTED and FAILED
 */
public record TenantResult(TenantId tenant, String module, Optional<Version> from, Version to, TenantOutcome outcome,
                           Optional<String> message) {
}
