package io.upsilon.releasefile;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A release file's aliases are refused, not read as the anchor's name, and its size is bounded (issue 13). */
class ReleaseFileAliasTest {

    @Test
    void anAliasIsRefusedWithItsLine() {
        assertThatThrownBy(() -> ReleaseFile.parse("releases:\n  - version: &v 1.0\n    apiVersions: [v1]\n"
                + "    dataVersion: *v\n", "releases.yaml"))
                .hasMessageContaining("releases.yaml:4").hasMessageContaining("alias '*v'");
    }

    @Test
    void anEndlessFileIsRefused() {
        Path zero = Path.of("/dev/zero");
        if (Files.isReadable(zero)) {
            assertThatThrownBy(() -> ReleaseFile.read(zero)).hasMessageContaining("larger than 4 MB");
        }
    }
}
