package io.upsilon.releasefile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.release.Release;
import io.upsilon.release.ReleaseSet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading release descriptor files: the shipped example, and every kind of bad file with its line. */
class ReleaseFileTest {

    static final Path EXAMPLE = Path.of("..", "examples", "releases.yaml");

    private static Version v(String s) {
        return Version.parse(s);
    }

    private static void assertRefused(String yaml, ErrorCode code, String... fragments) {
        assertThatThrownBy(() -> ReleaseFile.parse(yaml, "releases.yaml"))
                .isInstanceOfSatisfying(UpsilonException.class, e -> assertThat(e.code()).isEqualTo(code))
                .hasMessageContainingAll(fragments)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theShippedExampleIsTheSeedsFiveReleases() {
        ReleaseSet set = ReleaseFile.read(EXAMPLE);
        assertThat(set.releases()).extracting(r -> r.version().toString())
                .containsExactly("1.0.0", "1.0.1", "1.0.2", "2.0.0", "2.0.1");
        assertThat(set.releases()).extracting(Release::apiVersions)
                .containsExactly(List.of("v1"), List.of("v1"), List.of("v1", "v2"),
                        List.of("v2"), List.of("v2"));
        assertThat(set.releases()).extracting(r -> r.dataVersion().toString())
                .containsExactly("1.0.0", "1.0.1", "1.0.1", "1.0.1", "2.0.0");
        assertThat(set.get(v("1.0.2")).location()).endsWith("releases.yaml:25");
    }

    @Test
    void scalarsAreReadAsWrittenAndAWindowMayBeLeftOut() {
        ReleaseSet set = ReleaseFile.parse("""
                releases:
                  - version: 1.10
                    apiVersions: v1
                    dataVersion: 2
                  - version: 1.9
                    apiVersions:
                      - v1
                      - v1.X
                    dataVersion: 1.0
                    runsOn: [1.0]
                """, "releases.yaml");
        assertThat(set.releases()).extracting(r -> r.version().toString()).containsExactly("1.9", "1.10");
        assertThat(set.get(v("1.10")).apiVersions()).containsExactly("v1");
        assertThat(set.get(v("1.9")).apiVersions()).containsExactly("v1", "v1.X");
        assertThat(set.get(v("1.10")).runsOn()).containsExactly(v("1"), v("2"));
        assertThat(set.get(v("1.9")).location()).isEqualTo("releases.yaml:5");
    }

    @Test
    void malformedYamlNamesTheLine() {
        assertRefused("""
                releases:
                  - version: 1.0
                    apiVersions: [v1
                    dataVersion: 1
                """, ErrorCode.BAD_INPUT, "releases.yaml:4: malformed YAML: while parsing a flow sequence",
                "expected ',' or ']'", "check the indentation");
        assertRefused("releases:\n  - version: 1.0\n\tdataVersion: 1\n", ErrorCode.BAD_INPUT,
                "releases.yaml:3: malformed YAML", "TAB");
    }

    @Test
    void aDuplicateVersionNamesBothLines() {
        assertRefused("""
                releases:
                  - version: 1.0
                    apiVersions: [v1]
                    dataVersion: 1
                  - version: 1.0.0
                    apiVersions: [v1]
                    dataVersion: 1
                """, ErrorCode.BAD_INPUT, "releases.yaml:5: release 1.0.0 is listed twice (first at releases.yaml:2)");
    }

    @Test
    void anUnknownDataVersionNamesTheLine() {
        assertRefused("""
                releases:
                  - version: 1.0
                    apiVersions: [v1]
                    dataVersion: 1
                  - version: 2.0
                    apiVersions: [v1]
                    dataVersion: 2
                    runsOn: [2, 3]
                """, ErrorCode.BAD_INPUT, "releases.yaml:5: release 2.0 runsOn data version 3, which no release"
                + " brings (known data versions: [1, 2])");
    }

    @Test
    void aCycleNamesTheLine() {
        assertRefused("""
                releases:
                  - version: 1.0
                    apiVersions: [v1]
                    dataVersion: 2
                  - version: 2.0
                    apiVersions: [v1]
                    dataVersion: 1
                """, ErrorCode.BAD_INPUT, "releases.yaml:5: cycle: release 2.0 brings data version 1, older than"
                + " data version 2 of the earlier release 1.0 (releases.yaml:2)");
    }

    @Test
    void otherMistakesNameTheLineAndTheRemedy() {
        assertRefused("releases:\n  - version: 1.0\n    apiVersions: [v1]\n    dataVersion: 1\n    runson: [1]\n",
                ErrorCode.BAD_INPUT, "releases.yaml:5: unknown key 'runson'", "runsOn");
        assertRefused("releases:\n  - version: 1.0\n    version: 1.1\n", ErrorCode.BAD_INPUT,
                "releases.yaml:3: 'version' is given twice");
        assertRefused("releases:\n  - version: 1.0\n    dataVersion: 1\n", ErrorCode.BAD_INPUT,
                "releases.yaml:2: release 1.0 has no 'apiVersions'", "apiVersions: [v1]");
        assertRefused("releases:\n  - apiVersions: [v1]\n    dataVersion: 1\n", ErrorCode.BAD_INPUT,
                "releases.yaml:2: a release has no 'version'");
        assertRefused("releases:\n  - version: 1.0\n    apiVersions: [v1]\n    dataVersion: one\n",
                ErrorCode.INVALID_VERSION, "releases.yaml:4: invalid version 'one'");
        assertRefused("releases:\n  - version: 1.0\n    apiVersions: [v1]\n    dataVersion: 1\n    runsOn: [1, x]\n",
                ErrorCode.INVALID_VERSION, "releases.yaml:5: invalid version 'x'");
        assertRefused("releases:\n  - version: 1.0\n    apiVersions: []\n    dataVersion: 1\n", ErrorCode.BAD_INPUT,
                "releases.yaml:2: release 1.0 serves no API version");
        assertRefused("releases:\n  - version: 1.0\n    apiVersions: [v1]\n    dataVersion: 2\n    runsOn: [1]\n",
                ErrorCode.BAD_INPUT, "releases.yaml:2: release 1.0 runsOn [1] leaves out its own data version 2");
        assertRefused("releases:\n  version: 1.0\n", ErrorCode.BAD_INPUT,
                "releases.yaml:2: 'releases' must be a list");
        assertRefused("- version: 1.0\n", ErrorCode.BAD_INPUT, "releases.yaml:1: expected a mapping");
        assertRefused("release:\n  - version: 1.0\n", ErrorCode.BAD_INPUT, "releases.yaml:1: unknown key 'release'");
        assertRefused("releases: []\n", ErrorCode.BAD_INPUT, "releases.yaml: lists no releases");
        assertRefused("", ErrorCode.BAD_INPUT, "releases.yaml: is empty");
        assertRefused("releases: []\n---\nreleases: []\n", ErrorCode.BAD_INPUT, "more than one YAML document");
    }

    @Test
    void aMissingFileSaysSo() {
        assertThatThrownBy(() -> ReleaseFile.read(Path.of("no-such-releases.yaml")))
                .hasMessage("cannot read release descriptors no-such-releases.yaml: no such file; check the path"
                        + " of the release file");
    }
}
