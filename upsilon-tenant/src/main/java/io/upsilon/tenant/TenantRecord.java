package io.upsilon.tenant;

import io.upsilon.Version;
import java.time.Instant;
import java.util.Optional;

/**
 * One row of the tenant registry.
 *
 * @param tenant      the tenant
 * @param module      the module name
 * @param version     the module version the tenant's data is at; empty when an install failed
 * @param enabled     whether the module is enabled for the tenant; false after a disable, which keeps the data
 * @param lastOutcome the outcome of the last init call
 * @param lastError   the failure message of the last call, if it failed
 * @param updatedAt   when the row last changed
 */
public record TenantRecord(TenantId tenant, String module, Optional<Version> version, boolean enabled,
                           TenantOutcome lastOutcome, Optional<String> lastError, Instant updatedAt) {
}
