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

    /** Whether the tenant is at {@link #to()} now ({@link TenantOutcome#succeeded()}). */
    public boolean succeeded() {
        return outcome.succeeded();
    }

    /**
     * Where a tenant is after a REJECTED or FAILED call, which changed nothing: "tenant acme's mod-x stays at
     * 1.0.0", or "tenant acme still has no mod-x" when it had none.
     */
    public String kept() {
        return from.map(v -> "tenant " + tenant + "'s " + module + " stays at " + v)
                .orElse("tenant " + tenant + " still has no " + module);
    }

    /**
     * What the call did, in one sentence for a person: {@code CREATED: tenant acme has mod-x 1.0.0 in schema
     * acme_mod_x.}, {@code UNCHANGED: tenant acme already has mod-x 1.0.0; nothing done.}, {@code UPGRADED: tenant
     * acme's mod-x 1.0.0 -> 2.0.0 (schema acme_mod_x).}; for REJECTED and FAILED the outcome, where the tenant stays
     * ({@link #kept()}) and why.
     *
     * @param schema where the module keeps the tenant's data, named for CREATED and UPGRADED
     */
    public String describe(String schema) {
        return switch (outcome) {
            case CREATED -> "CREATED: tenant " + tenant + " has " + module + " " + to + " in schema " + schema + ".";
            case UNCHANGED -> "UNCHANGED: tenant " + tenant + " already has " + module + " " + to + "; nothing done.";
            case UPGRADED -> "UPGRADED: tenant " + tenant + "'s " + module + " " + from.map(Version::toString)
                    .orElse("none") + " -> " + to + " (schema " + schema + ").";
            case REJECTED, FAILED -> outcome + ": " + kept() + ": " + message.orElse("");
        };
    }

    /**
     * The one line of a REJECTED or FAILED call: the outcome, why, and that nothing changed; empty when the call
     * succeeded.
     */
    public Optional<String> failure() {
        return succeeded() ? Optional.empty() : Optional.of("tenant " + tenant + " " + outcome + ": "
                + message.orElse("") + "; nothing changed (" + kept() + ")");
    }
}
