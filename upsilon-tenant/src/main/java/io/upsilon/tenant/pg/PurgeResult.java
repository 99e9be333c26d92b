package io.upsilon.tenant.pg;

import io.upsilon.ErrorCode;
import io.upsilon.Version;
import io.upsilon.tenant.TenantId;
import java.util.Optional;

/**
 * What {@link PgTenantModule#purgeOwned} found and did for one tenant and module.
 *
 * @param tenant  the tenant
 * @param module  the module's name
 * @param schema  the schema name the pair maps to ({@link PgTenantModule#schema(TenantId)})
 * @param outcome what happened
 * @param version the data version the tenant had before the purge; empty when it had none (not installed, or its
 *                install failed)
 * @param message for {@link Outcome#NOTHING_TO_PURGE} a note on a schema of that name the tenant does not own, for
 *                {@link Outcome#NOT_OWNED} why nothing was purged and what to do (one line); empty otherwise
 */
public record PurgeResult(TenantId tenant, String module, String schema, Outcome outcome, Optional<Version> version,
                          Optional<String> message) {

    /** The three ways a purge ends. */
    public enum Outcome {
        /** The tenant's schema (if it had data) and its registry row were dropped, in one transaction. */
        PURGED,
        /** The registry has no row for the tenant and module: nothing was touched. */
        NOTHING_TO_PURGE,
        /**
         * Refused: the tenant's install failed, and the schema of its name belongs to another tenant and module
         * (two pairs map to one name). Nothing was touched; the error is {@link ErrorCode#SCHEMA_NOT_OWNED}.
         */
        NOT_OWNED
    }

    /**
     * What happened, in one sentence for a person: {@code Purged tenant acme's mod-x: dropped schema acme_mod_x and
     * its registry row (it was at 1.0.0).}, or {@code Nothing to purge: tenant acme has no mod-x.} followed by the
     * {@link #note()}; for a refused purge, the {@link #message()}.
     */
    public String describe() {
        return switch (outcome) {
            case PURGED -> "Purged tenant " + tenant + "'s " + module + ": dropped schema " + schema + " and its"
                    + " registry row (it was at " + version.map(Version::toString).orElse("none") + ").";
            case NOTHING_TO_PURGE -> "Nothing to purge: tenant " + tenant + " has no " + module + "."
                    + note().map(n -> " " + n).orElse("");
            case NOT_OWNED -> message.orElseThrow();
        };
    }

    /**
     * For {@link Outcome#NOTHING_TO_PURGE}, the {@link #message()} as a sentence of its own (capitalized, with a full
     * stop), e.g. {@code Schema app_mod_x exists but the registry does not give it to tenant app; left as it is.};
     * empty otherwise.
     */
    public Optional<String> note() {
        return message.filter(m -> outcome == Outcome.NOTHING_TO_PURGE)
                .map(m -> Character.toUpperCase(m.charAt(0)) + m.substring(1) + ".");
    }

    /** Whether the purge was refused ({@link Outcome#NOT_OWNED}); the other outcomes are successes. */
    public boolean refused() {
        return outcome == Outcome.NOT_OWNED;
    }

    /** The error code of a refused purge; empty for the other outcomes. */
    public Optional<ErrorCode> error() {
        return refused() ? Optional.of(ErrorCode.SCHEMA_NOT_OWNED) : Optional.empty();
    }
}
