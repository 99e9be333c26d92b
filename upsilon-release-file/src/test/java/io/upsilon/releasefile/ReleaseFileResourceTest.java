package io.upsilon.releasefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import org.junit.jupiter.api.Test;

/** A release file packaged as a class-path resource is read with the same checks as a file. */
class ReleaseFileResourceTest {

    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void aPackagedFileIsRead() {
        assertThat(ReleaseFile.readResource("io/upsilon/releasefile/two-releases.yaml", loader, "two.yaml")
                .releases()).extracting(r -> r.version().toString()).containsExactly("1.0.0", "1.0.1");
    }

    @Test
    void aMissingResourceSaysSo() {
        assertThatThrownBy(() -> ReleaseFile.readResource("no/such/releases.yaml", loader, "releases.yaml"))
                .isInstanceOfSatisfying(UpsilonException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("no/such/releases.yaml are not on the class path");
    }

    @Test
    void aBadPackagedFileNamesItsSourceAndLine() {
        assertThatThrownBy(() -> ReleaseFile.readResource("io/upsilon/releasefile/bad-releases.yaml", loader,
                "bad.yaml")).hasMessageStartingWith("bad.yaml:3: unknown key 'colour'");
    }
}
