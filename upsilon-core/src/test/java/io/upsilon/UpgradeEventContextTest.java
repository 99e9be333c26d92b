package io.upsilon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link UpgradeEventContext#describeState()}: a node's state change as a log line. */
class UpgradeEventContextTest {

    private static UpgradeEventContext changed(NodeState state, Optional<Version> data) {
        return new UpgradeEventContext("web-1", 0, data, Optional.empty(), Optional.empty(), Optional.of(state));
    }

    @Test
    void aStateChangeNamesTheNodeTheStateAndTheDataVersionButNotForAFencedNode() {
        assertThat(changed(NodeState.READY, Optional.of(Version.parse("1.1"))).describeState())
                .isEqualTo("Node web-1: READY (data version 1.1)");
        assertThat(changed(NodeState.STARTING, Optional.empty()).describeState())
                .isEqualTo("Node web-1: STARTING (data version none)");
        assertThat(changed(NodeState.FENCED, Optional.of(Version.parse("1.1"))).describeState())
                .isEqualTo("Node web-1: FENCED");
    }
}
