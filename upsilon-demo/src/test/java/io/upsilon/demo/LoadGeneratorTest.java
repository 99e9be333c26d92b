package io.upsilon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the load generator reads the node's share from the router's {@code Server-Timing} answer header. */
class LoadGeneratorTest {

    @Test
    void readsTheUpstreamDurationInMicroseconds() {
        assertThat(LoadGenerator.upstreamMicros("upstream;dur=4.125")).isEqualTo(4125);
        assertThat(LoadGenerator.upstreamMicros("db;dur=1.5, upstream;dur=12.000")).isEqualTo(12_000);
    }

    @Test
    void anotherFormIsUnknownNotZero() {
        assertThat(LoadGenerator.upstreamMicros("db;dur=1.5")).isEqualTo(-1);
        assertThat(LoadGenerator.upstreamMicros("upstream;dur=soon")).isEqualTo(-1);
    }
}
