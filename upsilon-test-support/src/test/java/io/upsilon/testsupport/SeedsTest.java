package io.upsilon.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;

class SeedsTest {

    private static List<Integer> draws(String purpose) {
        java.util.Random random = Seeds.random(purpose);
        return IntStream.range(0, 20).mapToObj(i -> random.nextInt(1000)).toList();
    }

    @Test
    void aPurposeDrawsTheSameChoicesEveryTimeAndAnotherPurposeOthers() {
        assertThat(draws("kills")).isEqualTo(draws("kills")).isNotEqualTo(draws("rows"));
    }

    @Test
    void aFailingTestThatDrewChoicesCarriesTheSeedToReplayThem() {
        Throwable failure = EngineTestKit.engine("junit-jupiter").selectors(selectClass(DrawsAndFails.class))
                .execute().testEvents().failed().stream().findFirst().orElseThrow()
                .getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
                .getThrowable().orElseThrow();
        assertThat(failure).hasMessage("boom");
        assertThat(failure.getSuppressed()).singleElement().satisfies(note -> assertThat(note.getMessage())
                .contains("-D" + Seeds.PROPERTY + "=" + Seeds.seed()));
    }

    /** Run only through the test kit above. */
    @ExtendWith(Seeds.Report.class)
    static class DrawsAndFails {
        @Test
        void fails() {
            Seeds.random("a choice").nextInt();
            throw new AssertionError("boom");
        }
    }
}
