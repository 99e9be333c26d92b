package io.upsilon.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.info.BuildProperties;

class StarterSettingsTest {

    private final Manifest manifest = StarterSettings.manifest("upsilon.tasks", getClass().getClassLoader());

    private static BuildProperties build(String version) {
        Properties p = new Properties();
        p.setProperty("version", version);
        return new BuildProperties(p);
    }

    @Test
    void theManifestComesFromTheClassPathOrAFile(@TempDir Path dir) throws Exception {
        assertThat(manifest.versions()).containsExactly(Version.parse("1.0.0"), Version.parse("1.1.0"));
        assertThat(StarterSettings.manifest("classpath:/upsilon.tasks", getClass().getClassLoader()).versions())
                .hasSize(2);
        Path file = dir.resolve("tasks.txt");
        Files.createDirectories(dir.resolve("sql"));
        Files.writeString(dir.resolve("sql/a.sql"), "SELECT 1;");
        Files.writeString(file, "2.0\n  - sql/a.sql\n");
        assertThat(StarterSettings.manifest("file:" + file, getClass().getClassLoader()).latest())
                .contains(Version.parse("2.0"));
    }

    @Test
    void theSoftwareVersionIsThePropertyElseTheBuildElseTheManifestsLatest() {
        assertThat(StarterSettings.softwareVersion("1.0.0", build("9.9.9"), manifest)).isEqualTo(Version.parse("1.0.0"));
        assertThat(StarterSettings.softwareVersion(null, build("1.0.0"), manifest)).isEqualTo(Version.parse("1.0.0"));
        // a development build of 1.1.0 upgrades to 1.1.0, not to the version before it
        assertThat(StarterSettings.softwareVersion(null, build("1.1.0-SNAPSHOT"), manifest))
                .isEqualTo(Version.parse("1.1.0"));
        assertThat(StarterSettings.softwareVersion(null, null, manifest)).isEqualTo(Version.parse("1.1.0"));
    }

    @Test
    void aBadVersionIsAnErrorNamingWhereItCameFrom() {
        assertThatThrownBy(() -> StarterSettings.softwareVersion("one.two", null, manifest))
                .isInstanceOf(UpsilonException.class).hasMessageContaining("'one.two' from upsilon.software-version")
                .hasMessageContaining("e.g. 1.2.0")
                .satisfies(e -> assertThat(((UpsilonException) e).code()).isEqualTo(ErrorCode.BAD_INPUT));
        assertThatThrownBy(() -> StarterSettings.softwareVersion(null, build("release-7"), manifest))
                .hasMessageContaining("the build info's version (set upsilon.software-version to override it)");
    }
}
