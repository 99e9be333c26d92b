package io.upsilon.cli;

import io.upsilon.tenant.TenantResult;
import io.upsilon.tenant.TenantUpgrader;

/**
 * What happened (or, simulated, would happen) to one tenant, as {@code tenant install} and {@code tenant upgrade}
 * print it.
 *
 * @param from    the version before; null for a new tenant
 * @param outcome UNCHANGED, CREATED, UPGRADED, REJECTED or FAILED
 * @param message why, for REJECTED and FAILED
 */
record TenantRow(String tenant, String module, String from, String to, String outcome, String message) {

    static TenantRow of(TenantResult result) {
        return new TenantRow(result.tenant().value(), result.module(), Json.text(result.from()),
                result.to().toString(), result.outcome().name(), result.message().orElse(null));
    }

    /** A simulated step; its message is the step's note (a downgrade may be REJECTED instead). */
    static TenantRow of(TenantUpgrader.Step step, String module) {
        return new TenantRow(step.tenant().value(), module, Json.text(step.from()), step.to().toString(),
                step.expected().name(), step.note().orElse(null));
    }
}
