package io.upsilon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
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

    @Test
    void beforeEachTaskHearsOnlyTheTasksAsTheyStart() {
        List<String> heard = new ArrayList<>();
        UpgradeCallback progress = UpgradeCallback.beforeEachTask(heard::add);
        UpgradeEventContext task = new UpgradeEventContext("web-1", 3, Optional.of(Version.parse("1.1")),
                Optional.of("V1_1__add.sql"), Optional.empty(), Optional.empty());
        progress.on(UpgradeEvent.BEFORE_TASK, task);
        progress.on(UpgradeEvent.AFTER_TASK, task);
        progress.on(UpgradeEvent.STATE_CHANGED, changed(NodeState.READY, Optional.empty()));
        assertThat(heard).containsExactly("1.1 V1_1__add.sql");
    }
}
