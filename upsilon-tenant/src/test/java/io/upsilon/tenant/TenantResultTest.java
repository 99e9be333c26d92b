package io.upsilon.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.Version;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link TenantResult}'s sentences for a person: what a call did, and why a refused or failed one changed nothing. */
class TenantResultTest {

    private static final TenantId ACME = TenantId.parse("acme");
    private static final Version V1 = Version.parse("1.0.0");
    private static final Version V2 = Version.parse("2.0.0");

    private static TenantResult result(Optional<Version> from, Version to, TenantOutcome outcome, String message) {
        return new TenantResult(ACME, "mod-x", from, to, outcome, Optional.ofNullable(message));
    }

    @Test
    void eachOutcomeDescribesWhatTheCallDid() {
        assertThat(result(Optional.empty(), V1, TenantOutcome.CREATED, null).describe("acme_mod_x"))
                .isEqualTo("CREATED: tenant acme has mod-x 1.0.0 in schema acme_mod_x.");
        assertThat(result(Optional.of(V1), V1, TenantOutcome.UNCHANGED, null).describe("acme_mod_x"))
                .isEqualTo("UNCHANGED: tenant acme already has mod-x 1.0.0; nothing done.");
        assertThat(result(Optional.of(V1), V2, TenantOutcome.UPGRADED, null).describe("acme_mod_x"))
                .isEqualTo("UPGRADED: tenant acme's mod-x 1.0.0 -> 2.0.0 (schema acme_mod_x).");
        assertThat(result(Optional.of(V2), V1, TenantOutcome.REJECTED, "task t has no rollback").describe("acme_mod_x"))
                .isEqualTo("REJECTED: tenant acme's mod-x stays at 2.0.0: task t has no rollback");
        assertThat(result(Optional.empty(), V1, TenantOutcome.FAILED, "boom").describe("acme_mod_x"))
                .isEqualTo("FAILED: tenant acme still has no mod-x: boom");
    }

    @Test
    void onlyARefusedOrFailedCallHasAFailureLine() {
        assertThat(result(Optional.of(V1), V2, TenantOutcome.UPGRADED, null).failure()).isEmpty();
        assertThat(result(Optional.of(V1), V2, TenantOutcome.FAILED, "boom").failure()).contains("tenant acme FAILED:"
                + " boom; nothing changed (tenant acme's mod-x stays at 1.0.0)");
    }
}
