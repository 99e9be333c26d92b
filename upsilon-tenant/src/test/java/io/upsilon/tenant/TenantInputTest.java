package io.upsilon.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.ModuleId;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.testsupport.HostileTenantIds;
import java.time.Duration;
import java.util.Optional;
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

    @Test
    void howToRunAnUpgradeIsCheckedNamingTheField() throws Exception {
        assertThat(TenantInput.parallel("--parallel", 4)).isEqualTo(4);
        assertRefused(() -> TenantInput.parallel("--parallel", 0), "--parallel must be at least 1, got 0");
        assertThat(TenantInput.timeout("--canary-check-timeout", 600)).isEqualTo(Duration.ofMinutes(10));
        assertRefused(() -> TenantInput.timeout("--canary-check-timeout", 0),
                "--canary-check-timeout must be at least 1 second, got 0");

        Optional<TenantId> acme = Optional.of(TenantId.parse("acme"));
        assertRefused(() -> TenantInput.shellCheck("--canary-check", "true", "--canary", Optional.empty(),
                Duration.ofSeconds(5)), "--canary-check needs --canary TENANT: the check runs on the canary");
        assertRefused(() -> TenantInput.shellCheck("--canary-check", " ", "--canary", acme, Duration.ofSeconds(5)),
                "--canary-check is empty; give the command to run, e.g. --canary-check './smoke-test.sh'");
        TenantResult upgraded = new TenantResult(acme.get(), "mod-x", Optional.of(Version.parse("1.0.0")),
                Version.parse("2.0.0"), TenantOutcome.UPGRADED, Optional.empty());
        CanaryCheck check = TenantInput.shellCheck("--canary-check", "test \"$UPSILON_TENANT\" = acme && exit 3",
                "--canary", acme, Duration.ofSeconds(30));
        assertThat(check.check(upgraded)).as("the script runs in sh with the canary in its environment")
                .hasValueSatisfying(why -> assertThat(why).contains("exited with 3"));
        assertThat(TenantInput.shellCheck("--canary-check", "exit 0", "--canary", acme, Duration.ofSeconds(30))
                .check(upgraded)).isEmpty();
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String start) {
        assertThatThrownBy(call).isInstanceOfSatisfying(UpsilonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
            assertThat(e.getMessage()).startsWith(start);
        });
    }
}
