package io.upsilon.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.ModuleId;
import io.upsilon.UpsilonException;
import io.upsilon.testsupport.HostileTenantIds;
import org.junit.jupiter.api.Test;

/** {@link TenantInput}: what a person types, accepted or refused with one line naming the field and the remedy. */
class TenantInputTest {

    @Test
    void tenantIdsAreParsedAndTheFieldNamedOnFailure() {
        assertThat(TenantInput.tenant("--tenant", "acme")).isEqualTo(TenantId.parse("acme"));
        assertRefused(() -> TenantInput.tenant("--canary", "Acme"), "--canary: invalid tenant id 'Acme'");
        for (String hostile : HostileTenantIds.IDS) {
            assertThatThrownBy(() -> TenantInput.tenant("--tenant", hostile)).isInstanceOf(UpsilonException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n", "\r").startsWith("--tenant: "));
        }
    }

    @Test
    void moduleNamesTakeNoVersionAndNothingUnprintable() {
        assertThat(TenantInput.moduleName("--module", "mod-transfers")).isEqualTo("mod-transfers");
        assertRefused(() -> TenantInput.moduleName("--module", "mod-x-2.0.0"),
                "--module takes the module name without a version, got mod-x-2.0.0; write --module mod-x and give"
                        + " the version with --to");
        assertRefused(() -> TenantInput.moduleName("--module", "mod\n-x; drop"),
                "--module 'mod\\u000a-x; drop' is not a module name");
        assertRefused(() -> TenantInput.moduleName("--module", "Mod_X"), "--module 'Mod_X' is not a module name");
        assertRefused(() -> TenantInput.moduleName("--module", null), "--module (none) is not a module name");
    }

    @Test
    void targetsAreAVersionOrThatModulesId() {
        assertThat(TenantInput.target("--to", "mod-x", "2.0.1")).isEqualTo(ModuleId.parse("mod-x-2.0.1"));
        assertThat(TenantInput.target("--to", "mod-x", "mod-x-2.0.1")).isEqualTo(ModuleId.parse("mod-x-2.0.1"));
        assertRefused(() -> TenantInput.target("--to", "mod-x", "mod-y-2.0.0"),
                "--to mod-y-2.0.0 is not a version of mod-x; write e.g. --to 2.0.1 or --to mod-x-2.0.1");
        assertRefused(() -> TenantInput.target("--to", "mod-x", "mod-x"), "--to mod-x is not a version of mod-x");
        assertRefused(() -> TenantInput.target("--to", "mod-x", "2.x"), "--to: invalid version '2.x'");
        assertRefused(() -> TenantInput.target("--to", "mod-x", "2 0"),
                "--to '2 0' is neither a version nor a module id; write e.g. --to 2.0.1 or --to mod-x-2.0.1");
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String start) {
        assertThatThrownBy(call).isInstanceOfSatisfying(UpsilonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
            assertThat(e.getMessage()).startsWith(start);
        });
    }
}
