package io.upsilon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModuleIdTest {

    @Test
    void parsesNameAndVersion() {
        ModuleId id = ModuleId.parse("mod-users-12.1.0");
        assertThat(id.name()).isEqualTo("mod-users");
        assertThat(id.version()).contains(Version.parse("12.1.0"));
        assertThat(id).hasToString("mod-users-12.1.0");
    }

    @Test
    void nameWithoutVersion() {
        ModuleId id = ModuleId.parse("mod-foo");
        assertThat(id.name()).isEqualTo("mod-foo");
        assertThat(id.version()).isEmpty();
    }

    @Test
    void preReleaseAndSnapshotVersions() {
        assertThat(ModuleId.parse("mod-x-2.0.0-SNAPSHOT.12").version()).contains(Version.parse("2.0.0-SNAPSHOT.12"));
        assertThat(ModuleId.parse("mod-x-2.0.0-SNAPSHOT.12").name()).isEqualTo("mod-x");
        assertThat(ModuleId.parse("mod-2fa-1.0").name()).isEqualTo("mod-2fa");
    }

    @Test
    void ordersByVersionNotText() {
        assertThat(ModuleId.parse("mod-users-9.0.0")).isLessThan(ModuleId.parse("mod-users-12.1.0"));
        assertThat(ModuleId.parse("mod-users")).isLessThan(ModuleId.parse("mod-users-1.0"));
        assertThat(ModuleId.parse("mod-users-1.0")).isEqualTo(ModuleId.parse("mod-users-1.0.0"));
    }

    @Test
    void rejectsEmptyOrNameless() {
        assertThatThrownBy(() -> ModuleId.parse("")).isInstanceOf(UpsilonException.class)
                .hasMessageContaining("invalid module id");
        assertThatThrownBy(() -> ModuleId.parse("-1.0")).isInstanceOf(UpsilonException.class);
        assertThatThrownBy(() -> ModuleId.parse("12.0")).isInstanceOf(UpsilonException.class);
    }
}
