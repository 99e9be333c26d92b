package io.upsilon;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ErrorCode}: the code reported for a failure, and the exit codes with their meanings. */
class ErrorCodeTest {

    @Test
    void aStoreFailureThatNeverGotAConnectionIsAnUnreachableDatabase() {
        SQLException refused = new SQLException("Connection refused", "08001");
        UpsilonException wrapped = new UpsilonException(ErrorCode.STORE_FAILURE, "cannot read the data version",
                new IllegalStateException("pool", refused));
        assertThat(ErrorCode.of(wrapped)).isEqualTo(ErrorCode.DATABASE_UNREACHABLE);
        assertThat(ErrorCode.of(wrapped).exitCode()).isEqualTo(4);
    }

    @Test
    void otherFailuresKeepTheirCode() {
        SQLException syntax = new SQLException("syntax error", "42601");
        assertThat(ErrorCode.of(new UpsilonException(ErrorCode.STORE_FAILURE, "bad", syntax)))
                .isEqualTo(ErrorCode.STORE_FAILURE);
        assertThat(ErrorCode.of(new UpsilonException(ErrorCode.STORE_FAILURE, "no cause")))
                .isEqualTo(ErrorCode.STORE_FAILURE);
        // a connection error under a task failure is the task's failure, not an unreachable database
        assertThat(ErrorCode.of(new UpsilonException(ErrorCode.TASK_FAILED, "task",
                new SQLException("gone", "08006")))).isEqualTo(ErrorCode.TASK_FAILED);
    }

    @Test
    void everyCodeIsListedUnderItsExitCodeOnce() {
        var byExit = ErrorCode.byExitCode();
        assertThat(byExit.keySet()).containsExactly(1, 2, 3, 4);
        assertThat(byExit.values().stream().flatMap(List::stream)).containsExactlyInAnyOrder(ErrorCode.values());
        byExit.forEach((exit, codes) -> assertThat(codes).allSatisfy(c -> assertThat(c.exitCode()).isEqualTo(exit)));
        assertThat(byExit.get(2)).startsWith(ErrorCode.INVALID_VERSION, ErrorCode.BAD_INPUT);
        assertThat(Arrays.stream(ErrorCode.values()).filter(c -> c.exitCode() == 3)).containsExactly(
                ErrorCode.LOCK_TIMEOUT);
    }

    @Test
    void eachExitCodeSaysWhatItMeans() {
        assertThat(ErrorCode.exitMeaning(3)).isEqualTo("the cluster lock was not acquired in time");
        assertThat(ErrorCode.exitMeaning(4)).contains("could not be connected to");
        assertThat(ErrorCode.exitMeaning(2)).startsWith("usage");
        assertThat(ErrorCode.exitMeaning(9)).isEqualTo("failed");
    }
}
