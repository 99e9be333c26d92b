package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The config file and UPSILON_* variables: keys, precedence, and no silent fallback to an embedded database. */
class CliSettingsTest {

    private static final String NO_DB = "jdbc:postgresql://127.0.0.1:1/nothing?user=nobody";

    @TempDir
    Path tmp;

    private static void assertUsageError(Cli.Run run, String... parts) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().strip().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).startsWith("upsilon: ").contains(parts);
    }

    @Test
    void withoutAUrlOrEmbeddedTheCommandSaysHowToGiveOne() {
        for (String command : new String[] {"status", "history", "upgrade", "nodes", "validate", "baseline"}) {
            Cli.Run run = command.equals("baseline") ? Cli.run(command, "--baseline-version", "1.0") : Cli.run(command);
            assertUsageError(run, "no database given", "--url", "$UPSILON_URL", "upsilon.conf", "--embedded");
        }
        assertUsageError(Cli.run("tenant", "list"), "no database given");
    }

    @Test
    void anUnknownKeyIsAnErrorNamingTheNearestKnownOne() throws Exception {
        Path conf = Files.writeString(tmp.resolve("upsilon.conf"), "url=" + NO_DB + "\npasword=secret-1234\n");
        Cli.Run run = Cli.run("history", "--config", conf.toString());
        assertUsageError(run, "config file " + conf + ": unknown key 'pasword'; did you mean 'password'?",
                "Known keys: url, user,");
        assertThat(run.all()).doesNotContain("secret-1234");
    }

    @Test
    void theFileGivesTheUrlAndThePasswordIsNeverShown() throws Exception {
        Path conf = Files.writeString(tmp.resolve("upsilon.conf"), "url=" + NO_DB + "\npassword=file-pw-4711\n"
                + "connect-timeout=0\n");
        Cli.Run run = Cli.run("history", "--config", conf.toString());
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ErrorCode.DATABASE_UNREACHABLE.exitCode());
        assertThat(run.err()).startsWith("upsilon: cannot connect to the database at"
                + " jdbc:postgresql://127.0.0.1:1/nothing (").contains("--connect-timeout");
        assertThat(run.all()).doesNotContain("file-pw-4711");
    }

    @Test
    void theEnvironmentGivesSettingsAndTheCommandLineWins() {
        Map<String, String> env = Map.of("UPSILON_URL", NO_DB, "UPSILON_CONNECT_TIMEOUT", "0");
        Cli.Run fromEnv = Cli.run(env, "history");
        assertThat(fromEnv.err()).contains("cannot connect to the database at jdbc:postgresql://127.0.0.1:1/nothing");
        Cli.Run option = Cli.run(env, "history", "--url", "jdbc:postgresql://127.0.0.1:2/other?user=x");
        assertThat(option.err()).contains("cannot connect to the database at jdbc:postgresql://127.0.0.1:2/other");
    }

    @Test
    void theEnvironmentWinsOverADefaultPlaceFileButNotOverAConfigOption() throws Exception {
        Path conf = Files.writeString(tmp.resolve("named.conf"), "url=jdbc:postgresql://127.0.0.1:3/file?user=x\n"
                + "connect-timeout=0\n");
        Map<String, String> env = Map.of("UPSILON_CONFIG", conf.toString(), "UPSILON_URL", NO_DB);
        assertThat(Cli.run(env, "history").err()).as("$UPSILON_CONFIG ranks below the environment")
                .contains("127.0.0.1:1/nothing");
        assertThat(Cli.run(Map.of("UPSILON_URL", NO_DB, "UPSILON_CONNECT_TIMEOUT", "0"), "history", "--config",
                conf.toString()).err()).as("--config ranks above it").contains("127.0.0.1:3/file");
    }

    @Test
    void badValuesNameWhereTheyCameFrom() throws Exception {
        Path conf = Files.writeString(tmp.resolve("upsilon.conf"), "url=" + NO_DB + "\nlock=mutex\n");
        // upgrade, a command that takes the lock: history has no --lock and leaves the key alone
        assertUsageError(Cli.run("upgrade", "--config", conf.toString()), "'lock' in " + conf + " is 'mutex'",
                "advisory or lease");
        assertUsageError(Cli.run(Map.of("UPSILON_LOCK_TIMEOUT", "soon"), "upgrade", "--url", NO_DB),
                "$UPSILON_LOCK_TIMEOUT is 'soon'", "whole number of seconds");
        assertUsageError(Cli.run(Map.of("UPSILON_CONFIG", tmp.resolve("absent.conf").toString()), "history"),
                "cannot read the config file", "$UPSILON_CONFIG");
    }
}
