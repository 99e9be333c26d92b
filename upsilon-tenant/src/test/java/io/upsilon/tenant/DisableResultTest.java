package io.upsilon.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.Version;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link DisableResult}: a disable as {@code upsilon tenant disable} reports it, without a database. */
class DisableResultTest {

    private static final TenantId ACME = TenantId.parse("acme");

    @Test
    void aDisabledTenantKeepsItsDataAndHearsHowToEnableItAgain() {
        DisableResult kept = new DisableResult(ACME, "mod-x", true, Optional.of(Version.parse("1.0.0")));
        assertThat(kept.describe()).isEqualTo("Disabled mod-x for tenant acme; its data is kept at 1.0.0. Enable it"
                + " again with 'upsilon tenant install --tenant acme --module mod-x-VERSION'.");
        assertThat(new DisableResult(ACME, "mod-x", false, Optional.empty()).describe())
                .isEqualTo("Nothing to disable: tenant acme has no mod-x data.");
    }
}
