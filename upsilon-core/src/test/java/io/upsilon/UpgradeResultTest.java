package io.upsilon;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link UpgradeResult#summary()}: one line per outcome, with the versions and the task count. */
class UpgradeResultTest {

    private static final Optional<Version> V1 = Optional.of(Version.parse("1.0"));
    private static final Optional<Version> V2 = Optional.of(Version.parse("1.1"));

    private static TaskRecord task(String name) {
        return new TaskRecord(1, Version.parse("1.1"), name, Optional.empty(), TaskStatus.SUCCEEDED, "web-1", 7,
                Instant.EPOCH, Optional.of(Instant.EPOCH), Optional.empty());
    }

    private static String summary(UpgradeResult.Outcome outcome, Optional<Version> before, Optional<Version> after,
                                  List<TaskRecord> tasks) {
        return new UpgradeResult(outcome, before, after, tasks, true).summary();
    }

    @Test
    void eachOutcomeReadsAsOneLine() {
        assertThat(summary(UpgradeResult.Outcome.UPGRADED, Optional.empty(), V2, List.of(task("a"), task("b"))))
                .isEqualTo("UPGRADED: data version none -> 1.1 (2 tasks run).");
        assertThat(summary(UpgradeResult.Outcome.DOWNGRADED, V2, V1, List.of(task("b"))))
                .isEqualTo("DOWNGRADED: data version 1.1 -> 1.0 (1 task rolled back).");
        assertThat(summary(UpgradeResult.Outcome.UP_TO_DATE, V2, V2, List.of()))
                .isEqualTo("UP_TO_DATE: the data version is already 1.1; nothing to do.");
        assertThat(summary(UpgradeResult.Outcome.DONE_ELSEWHERE, V1, V2, List.of()))
                .endsWith("while this one waited for the lock; the data version is 1.1.");
        assertThat(summary(UpgradeResult.Outcome.DATA_AHEAD, V2, V2, List.of()))
                .isEqualTo("DATA_AHEAD: the data version 1.1 is ahead of the target; nothing done.");
    }

    @Test
    void describedTheTasksRunComeAsATableAboveTheSummary() {
        UpgradeResult upgraded = new UpgradeResult(UpgradeResult.Outcome.UPGRADED, V1, V2, List.of(task("a.sql")),
                true);
        assertThat(upgraded.describe()).isEqualTo("""
                  VERSION  TASK   STATUS     NODE   TOKEN  DURATION
                  1.1      a.sql  SUCCEEDED  web-1  7      0 ms
                UPGRADED: data version 1.0 -> 1.1 (1 task run).
                """);
        UpgradeResult none = new UpgradeResult(UpgradeResult.Outcome.UP_TO_DATE, V2, V2, List.of(), false);
        assertThat(none.describe()).isEqualTo(none.summary() + "\n");
    }
}
