package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The switch command as a real process: its environment, its exit status, its output and its time limit. */
class TrafficSwitchTest {

    private final List<String> output = new CopyOnWriteArrayList<>();

    private TrafficSwitch command(String command, Duration timeout) {
        return TrafficSwitch.command(command, "jdbc:postgresql://old/app", "jdbc:postgresql://new/app", timeout,
                output::add);
    }

    @Test
    void exitZeroIsSwitchedAndTheAddressesAreInItsEnvironment() {
        command("echo \"$UPSILON_OLD_URL -> $UPSILON_NEW_URL\"", Duration.ofSeconds(10)).run();
        assertThat(output).containsExactly("jdbc:postgresql://old/app -> jdbc:postgresql://new/app");
    }

    @Test
    void anyOtherStatusIsAFailureNamingItAndTheLastOutput() {
        assertThatThrownBy(() -> command("echo one; echo 'lb refused' >&2; exit 4", Duration.ofSeconds(10)).run())
                .isInstanceOf(UpsilonException.class).hasMessageContaining("exited with 4")
                .hasMessageContaining("one / lb refused");
    }

    @Test
    void aCommandThatOutlivesTheTimeoutIsKilledAndFails() {
        assertThatThrownBy(() -> command("echo started; exec sleep 30", Duration.ofMillis(500)).run())
                .isInstanceOf(UpsilonException.class).hasMessageContaining("did not finish within", "was killed");
    }

    @Test
    void aBlankCommandIsBadInput() {
        assertThatThrownBy(() -> command(" ", Duration.ofSeconds(1))).isInstanceOfSatisfying(UpsilonException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT));
    }
}
