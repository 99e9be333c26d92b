package io.upsilon.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.util.List;

/** What the release tests check again and again: a chain's stops, and a refusal's code and message. */
final class ChainAssertions {

    private ChainAssertions() {
    }

    /** The releases a chain passes through, as version text. */
    static List<String> stops(PlannedChain chain) {
        return chain.releases().stream().map(r -> r.version().toString()).toList();
    }

    /** Asserts that {@code call} fails with {@code code} and a message holding every fragment. */
    static void assertCode(Runnable call, ErrorCode code, String... fragments) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(UpsilonException.class,
                e -> assertThat(e.code()).isEqualTo(code)).hasMessageContainingAll(fragments);
    }
}
