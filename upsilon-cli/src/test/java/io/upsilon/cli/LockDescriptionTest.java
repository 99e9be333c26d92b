package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.report.LockRow;
import org.junit.jupiter.api.Test;

/**
 * Right after a holder died ({@code kill -9}) the next upgrade takes the lock by itself, so {@code lock} must not
 * send the operator to {@code release --yes} first (issue 13, item 8).
 */
class LockDescriptionTest {

    @Test
    void aDeadHoldersLockSaysTheNextUpgradeTakesItOver() {
        LockRow dead = new LockRow("upgrade", "advisory", "node-1", 7, false, 1_000L, null, null, null);
        assertThat(LockCommand.describe(dead)).contains("NOT alive", "the next upgrade takes it over by itself")
                .doesNotContain("release --yes' clears it");
        LockRow alive = new LockRow("upgrade", "lease", "node-1", 7, true, 1_000L, null, null, null);
        assertThat(LockCommand.describe(alive)).contains("alive").doesNotContain("release");
    }
}
