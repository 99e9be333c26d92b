package io.upsilon.tenant;

import io.upsilon.Version;
import io.upsilon.report.ReportText;
import io.upsilon.report.TextTable;
import java.time.Instant;
import java.util.List;
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

    /**
     * The rows as a table, one line per row: TENANT, MODULE, VERSION ({@code none} when an install failed), STATE
     * ({@code enabled} or {@code disabled}), LAST OUTCOME, LAST ERROR and UPDATED AT.
     */
    public static TextTable table(List<TenantRecord> rows) {
        TextTable table = new TextTable("TENANT", "MODULE", "VERSION", "STATE", "LAST OUTCOME", "LAST ERROR",
                "UPDATED AT");
        rows.forEach(r -> table.row(r.tenant(), r.module(), ReportText.version(r.version()),
                r.enabled() ? "enabled" : "disabled", r.lastOutcome(), r.lastError().orElse(null), r.updatedAt()));
        return table;
    }
}
