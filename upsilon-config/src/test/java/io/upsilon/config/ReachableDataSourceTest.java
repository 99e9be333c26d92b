package io.upsilon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The first connection waits for a database that is down or starting; nothing else is retried. */
class ReachableDataSourceTest {

    /** The remedy names the settings as the CLI does, so the tests see that it uses the names it is given. */
    private static final SettingNames NAMES = SettingNames.options("$UPSILON_PASSWORD or the config file");

    /** A driver's data source answering with the given outcomes in turn: an SQLSTATE fails, null connects. */
    private static final class Outcomes {
        final Deque<String> states;
        int attempts;

        Outcomes(String... states) {
            this.states = new ArrayDeque<>(java.util.Arrays.asList(states));
        }

        DataSource dataSource() {
            return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                    (proxy, method, args) -> {
                        if (!method.getName().equals("getConnection")) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        attempts++;
                        String state = states.isEmpty() ? null : states.poll();
                        if (state != null && !state.isEmpty()) {
                            throw new SQLException("failure " + state + ".", state);
                        }
                        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                                (p, m, a) -> null);
                    });
        }
    }

    @Test
    void retriesARefusedOrStartingDatabaseUntilItAnswers() throws Exception {
        Outcomes outcomes = new Outcomes("08001", "57P03", "08006", "");
        DataSource source = new ReachableDataSource(outcomes.dataSource(), "jdbc:postgresql://db:5432/app",
                Duration.ofSeconds(30), NAMES);
        assertThat(source.getConnection()).isNotNull();
        assertThat(outcomes.attempts).isEqualTo(4);

        outcomes.states.addAll(List.of("08001"));
        assertThatThrownBy(source::getConnection).as("once reached, a lost database fails at once")
                .isInstanceOf(SQLException.class);
        assertThat(outcomes.attempts).isEqualTo(5);
    }

    @Test
    void givesUpAfterTheTimeoutNamingTheHostAndTheOption() {
        Outcomes outcomes = new Outcomes("08001", "08001", "08001", "08001", "08001", "08001");
        DataSource source = new ReachableDataSource(outcomes.dataSource(), "jdbc:postgresql://db:5432/app",
                Duration.ofMillis(250), NAMES);
        assertThatThrownBy(source::getConnection).isInstanceOfSatisfying(UpsilonException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_UNREACHABLE);
            assertThat(e.getMessage()).startsWith("cannot connect to the database at jdbc:postgresql://db:5432/app"
                    + " within 250 ms (failure 08001);").contains("--connect-timeout");
        });
        assertThat(outcomes.attempts).isBetween(2, 3);
    }

    @Test
    void aWrongPasswordIsNotRetried() {
        Outcomes outcomes = new Outcomes("28P01", "");
        DataSource source = new ReachableDataSource(outcomes.dataSource(), "jdbc:postgresql://db:5432/app",
                Duration.ofSeconds(30), NAMES);
        assertThatThrownBy(source::getConnection).isInstanceOf(UpsilonException.class)
                .hasMessageNotContaining("--connect-timeout").hasMessageContaining("the password");
        assertThat(outcomes.attempts).isEqualTo(1);
    }
}
