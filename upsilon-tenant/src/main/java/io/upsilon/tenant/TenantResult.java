package io.upsilon.tenant;

import io.upsilon.Version;
import java.util.Optional;

/**
 * What one init call did for one tenant.
 *
 * @param tenant  the tenant
 * @param module  the module name
 * @param from    the stored version the call started from (empty for a new tenant), whatever the caller believed
 * @param to      the version asked for
 * @param outcome the outcome
 * @param message why, for REJECTED and FAILED; for the other outcomes, a note on what the module found that the
 *                caller did not say (a {@code module_from} that disagreed with the stored data, a tenant enabled
 *                again after a disable), if any
 */
public record TenantResult(TenantId tenant, String module, Optional<Version> from, Version to, TenantOutcome outcome,
                           Optional<String> message) {
}
