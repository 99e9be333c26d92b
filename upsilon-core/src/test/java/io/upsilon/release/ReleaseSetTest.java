package io.upsilon.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ReleaseSetTest {

    private static Version v(String s) {
        return Version.parse(s);
    }

    private static Release at(int line, String version, List<String> apis, String data, String... runsOn) {
        TreeSet<Version> window = new TreeSet<>();
        for (String r : runsOn) {
            window.add(v(r));
        }
        return new Release(v(version), apis, v(data), window, "releases.yaml:" + line);
    }

    private static void assertBadInput(Runnable call, String... fragments) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(UpsilonException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT)).hasMessageContainingAll(fragments);
    }

    @Test
    void releasesAreOrderedByVersionNotByFileOrder() {
        ReleaseSet set = ReleaseSet.of("f", List.of(at(9, "1.10", List.of("v1"), "2"), at(1, "1.9", List.of("v1"), "1")));
        assertThat(set.releases()).extracting(r -> r.version().toString()).containsExactly("1.9", "1.10");
        assertThat(set.dataVersions()).containsExactly(v("1"), v("2"));
        assertThat(set.find(v("1.9.0"))).isPresent();
    }

    @Test
    void aDuplicateVersionNamesBothLinesEvenWhenWrittenDifferently() {
        assertBadInput(() -> ReleaseSet.of("f", List.of(at(3, "1.0", List.of("v1"), "1"),
                at(8, "1.0.0", List.of("v1"), "1"))), "releases.yaml:8: release 1.0.0 is listed twice",
                "first at releases.yaml:3");
    }

    @Test
    void anUnknownDataVersionInRunsOnIsNamedWithItsLine() {
        assertBadInput(() -> ReleaseSet.of("f", List.of(at(2, "1.0", List.of("v1"), "1", "1", "1.5"))),
                "releases.yaml:2: release 1.0 runsOn data version 1.5, which no release brings", "[1]");
    }

    @Test
    void aDataVersionGoingBackIsACycleNamedWithItsLine() {
        assertBadInput(() -> ReleaseSet.of("f", List.of(
                at(2, "1.0", List.of("v1"), "1"),
                at(6, "1.1", List.of("v1"), "2"),
                at(10, "1.2", List.of("v1"), "1"))),
                "releases.yaml:10: cycle: release 1.2 brings data version 1, older than data version 2 of the"
                        + " earlier release 1.1 (releases.yaml:6)", "back from 2 to 1");
    }

    @Test
    void aReleaseMustRunOnItsOwnDataAndServeSomeApi() {
        assertBadInput(() -> at(4, "1.0", List.of("v1"), "2", "1"),
                "releases.yaml:4: release 1.0 runsOn [1] leaves out its own data version 2");
        assertBadInput(() -> at(5, "1.0", List.of(), "1"), "releases.yaml:5: release 1.0 serves no API version");
        assertBadInput(() -> at(6, "1.0", List.of("v1", "v1"), "1"), "releases.yaml:6", "API version v1 twice");
        assertBadInput(() -> ReleaseSet.of("f.yaml", List.of()), "f.yaml: lists no releases");
    }

    @Test
    void anUndeclaredWindowIsTheOwnDataVersionAndTheOneBefore() {
        ReleaseSet set = ReleaseSet.of("f", List.of(at(1, "1", List.of("v1"), "1"), at(2, "2", List.of("v1"), "2"),
                at(3, "3", List.of("v1"), "2"), at(4, "4", List.of("v1"), "3")));
        assertThat(set.get(v("1")).runsOn()).containsExactly(v("1"));
        assertThat(set.get(v("3")).runsOn()).containsExactly(v("1"), v("2"));
        assertThat(set.get(v("4")).runsOn()).containsExactly(v("2"), v("3"));
    }

    @Test
    void theWindowIsTheReadinessFeaturesCompatibilityWindow() {
        ReleaseSet set = SeedReleases.set();
        assertThat(set.window(v("2.0.1")).versions()).containsExactly(v("1.0.1"), v("2.0.0"));
        assertThat(set.window(v("2.0.1")).serves(Optional.of(v("1.0.1")))).isTrue();
        assertThat(set.window(v("1.0.2")).serves(Optional.of(v("1.0.0")))).isFalse();
        assertThat(set.window(v("1.0.2")).isBehind(Optional.of(v("2.0.0")))).isTrue();
    }
}
