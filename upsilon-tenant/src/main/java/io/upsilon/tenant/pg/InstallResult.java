package io.upsilon.tenant.pg;

import io.upsilon.Version;
import io.upsilon.report.ErrorRow;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantOutcome;
import io.upsilon.tenant.TenantResult;
import java.util.Optional;

/**
 * What {@link PgTenantModule#install} did for one tenant: its {@link TenantResult} with the schema the tenant's data
 * is in, and the failure, as reports show it ({@code upsilon tenant install}).
 *
 * @param tenant  the tenant
 * @param module  the module's name
 * @param schema  the tenant's schema of the module ({@link PgTenantModule#schema(TenantId)})
 * @param from    the version the tenant's data was at; empty for a new tenant
 * @param to      the version asked for
 * @param outcome the outcome
 * @param message why, for REJECTED and FAILED; else a note on what the module found, if any
 * @param error   for REJECTED and FAILED, the one-line failure (a FAILED install says to run it again once the cause
 *                is fixed); null when the tenant is at {@code to}
 */
public record InstallResult(TenantId tenant, String module, String schema, Optional<Version> from, Version to,
                            TenantOutcome outcome, Optional<String> message, ErrorRow error) {

    /** The report of {@code result}, the tenant's data being in {@code schema}. */
    public static InstallResult of(TenantResult result, String schema) {
        ErrorRow error = result.outcome().error().map(code -> ErrorRow.of(code, result.failure().orElseThrow()
                + (result.outcome() == TenantOutcome.FAILED ? "; fix the cause and run the install again" : "")))
                .orElse(null);
        return new InstallResult(result.tenant(), result.module(), schema, result.from(), result.to(),
                result.outcome(), result.message(), error);
    }

    /**
     * What the install did, every line ended by a newline: {@link TenantResult#describe(String)}, then for a success
     * with a message the note ({@code Note: ...}).
     */
    public String describe() {
        return new TenantResult(tenant, module, from, to, outcome, message).describe(schema) + "\n"
                + (error == null ? message.map(note -> "Note: " + note + ".\n").orElse("") : "");
    }
}
