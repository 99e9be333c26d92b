package io.upsilon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VersionTest {

    private static Version v(String text) {
        return Version.parse(text);
    }

    @Test
    void ordersNumericallyNotByText() {
        assertThat(v("0.9")).isLessThan(v("0.10"));
        assertThat(v("0.10")).isLessThan(v("1.0"));
        assertThat(v("1.0")).isLessThan(v("1.0.1"));
        assertThat(v("1.0.1")).isLessThan(v("2.0.0"));
        assertThat(v("1.9.9")).isLessThan(v("1.10"));
    }

    @Test
    void trailingZerosAreEqualWithEqualHashCodes() {
        assertThat(v("1.0")).isEqualTo(v("1.0.0")).hasSameHashCodeAs(v("1.0.0"));
        assertThat(v("1.0").compareTo(v("1.0.0"))).isZero();
        assertThat(v("1")).isEqualTo(v("1.0.0.0"));
        assertThat(v("1.0.0").toString()).isEqualTo("1.0.0");
    }

    @Test
    void preReleaseSortsBeforeRelease() {
        assertThat(v("1.0.0-rc1")).isLessThan(v("1.0.0"));
        assertThat(v("1.0.0-rc1")).isGreaterThan(v("0.9"));
        assertThat(v("1.0.0-alpha")).isLessThan(v("1.0.0-beta"));
        assertThat(v("1.0.0-rc.2")).isLessThan(v("1.0.0-rc.10"));
        assertThat(v("1.0.0-1")).isLessThan(v("1.0.0-alpha"));
        assertThat(v("1.0.0-rc1").isPreRelease()).isTrue();
        assertThat(v("1.0.0-rc1")).isNotEqualTo(v("1.0.0"));
    }

    @Test
    void sortsAList() {
        List<Version> list = new ArrayList<>(List.of(v("2.0.0"), v("0.10"), v("1.0.1"), v("1.0.0-rc1"), v("0.9"),
                v("1.0")));
        Collections.sort(list);
        assertThat(list).extracting(Version::toString)
                .containsExactly("0.9", "0.10", "1.0.0-rc1", "1.0", "1.0.1", "2.0.0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "1..0", "1.0.", ".1", "v1.0", "1.0-", "1.0 beta", "-1"})
    void rejectsInvalidTextQuotingIt(String text) {
        assertThatThrownBy(() -> Version.parse(text))
                .isInstanceOfSatisfying(UpsilonException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.INVALID_VERSION))
                .hasMessageContaining("'" + text + "'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0.0-rc1.2", "1.0--x", "1.0-a..b", "1.0-.a", "1.0-a.", "1.2.3-A-b.0", "1234567890123456789",
        "123456789012345678.1", "1.-1", "1.0-é"})
    void acceptsExactlyTheDocumentedSyntax(String text) {
        assertThat(Version.isValid(text)).as(text).isEqualTo(DOCUMENTED.matcher(text).matches());
    }

    @Test
    void agreesWithTheDocumentedSyntaxOnRandomTexts() {
        long seed = System.nanoTime();
        java.util.Random random = new java.util.Random(seed);
        String alphabet = "0123456789.-aZ x";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int k = random.nextInt(12); k > 0; k--) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String t = text.toString();
            assertThat(Version.isValid(t)).as("'%s' (seed %d)", t, seed).isEqualTo(DOCUMENTED.matcher(t.trim())
                    .matches());
        }
    }

    /** The syntax the Javadoc of {@link Version} documents, as the regular expression it once was. */
    private static final java.util.regex.Pattern DOCUMENTED =
            java.util.regex.Pattern.compile("\\d{1,18}(\\.\\d{1,18})*(-[0-9A-Za-z-]+(\\.[0-9A-Za-z-]+)*)?");
}
