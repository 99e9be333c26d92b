package io.upsilon.cli;

import io.upsilon.tenant.TenantRecord;

/**
 * One row of the tenant registry, as {@code tenant list} prints it.
 *
 * @param version     the version the tenant's data is at; null when its install failed
 * @param enabled     whether the module is enabled for the tenant (false: disabled, data kept)
 * @param lastOutcome the outcome of the last install or upgrade
 * @param lastError   the failure message of the last call, if it failed
 */
record TenantRecordRow(String tenant, String module, String version, boolean enabled, String lastOutcome,
                       String lastError, String updatedAt) {

    static TenantRecordRow of(TenantRecord record) {
        return new TenantRecordRow(record.tenant().value(), record.module(), Json.text(record.version()),
                record.enabled(), record.lastOutcome().name(), record.lastError().orElse(null), record.updatedAt().toString());
    }
}
