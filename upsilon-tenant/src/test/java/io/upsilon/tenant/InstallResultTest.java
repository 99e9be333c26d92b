package io.upsilon.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.ErrorCode;
import io.upsilon.Version;
import io.upsilon.report.ErrorRow;
import io.upsilon.tenant.pg.InstallResult;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link InstallResult}: one tenant's install as {@code upsilon tenant install} reports it, without a database. */
class InstallResultTest {

    private static final TenantId ACME = TenantId.parse("acme");
    private static final Version V1 = Version.parse("1.0.0");
    private static final Version V2 = Version.parse("2.0.0");

    @Test
    void aSuccessHasNoErrorAndEndsWithItsNote() {
        InstallResult upgraded = InstallResult.of(new TenantResult(ACME, "mod-x", Optional.of(V1), V2,
                TenantOutcome.UPGRADED, Optional.of("enabled again")), "acme_mod_x");
        assertThat(upgraded.error()).isNull();
        assertThat(upgraded.schema()).isEqualTo("acme_mod_x");
        assertThat(upgraded.describe()).isEqualTo("UPGRADED: tenant acme's mod-x 1.0.0 -> 2.0.0 (schema acme_mod_x)."
                + "\nNote: enabled again.\n");
    }

    @Test
    void aFailureSaysToRunTheInstallAgainAndARefusalDoesNot() {
        InstallResult failed = InstallResult.of(new TenantResult(ACME, "mod-x", Optional.empty(), V1,
                TenantOutcome.FAILED, Optional.of("task t1 failed: boom")), "acme_mod_x");
        assertThat(failed.error()).isEqualTo(ErrorRow.of(ErrorCode.TENANT_FAILED, "tenant acme FAILED: task t1"
                + " failed: boom; nothing changed (tenant acme still has no mod-x); fix the cause and run the install"
                + " again"));
        assertThat(failed.describe()).as("the message is the error's, not a note").isEqualTo("FAILED: tenant acme"
                + " still has no mod-x: task t1 failed: boom\n");

        InstallResult rejected = InstallResult.of(new TenantResult(ACME, "mod-x", Optional.of(V2), V1,
                TenantOutcome.REJECTED, Optional.of("no rollback")), "acme_mod_x");
        assertThat(rejected.error().code()).isEqualTo(ErrorCode.TENANT_REJECTED.name());
        assertThat(rejected.error().message()).endsWith("(tenant acme's mod-x stays at 2.0.0)");
    }
}
