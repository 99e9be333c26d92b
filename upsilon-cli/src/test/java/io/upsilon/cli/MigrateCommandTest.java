package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code migrate}'s help and usage errors, which need no database. */
class MigrateCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"run", "verify", "continuous"})
    void everyMigrateCommandExplainsItselfWithOnlyTheOptionsThatApply(String command) {
        Cli.Run run = Cli.run("migrate", command, "--help");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Usage: upsilon migrate " + command, "--spec=FILE", "passwordEnv", "--json",
                "--classpath", "--verbose", "Exits with");
        assertThat(run.out()).doesNotContain("--url", "--user", "--config", "--manifest", "--to=", "--lock",
                "--node-id", "--data-dir", "--password");
    }

    @Test
    void theOptionsAndTheirDefaultsAreDescribed() {
        assertThat(Cli.run("migrate", "--help").out()).contains("run", "verify", "continuous", "checkpoint");
        assertThat(Cli.run("--help").out()).contains("migrate");
        assertThat(Cli.run("migrate", "run", "--help").out()).contains("--since=UPDATE_TIME", "--deletes=MODE",
                "ignore, report, propagate", "Default: ignore").doesNotContain("--schema");
        assertThat(Cli.run("migrate", "verify", "--help").out()).contains("--max-keys=N", "Default: 20",
                "missing", "extra", "different");
        assertThat(Cli.run("migrate", "continuous", "--help").out()).contains("--max-lag-rows=N", "Default: 1000",
                "--max-runs=N", "Default: 100", "--pause=SECONDS", "Default: 1", "--cutover=HOW",
                "maintenance, manual", "Default: maintenance", "--drain-timeout=SECONDS", "Default: 60",
                "--schema=NAME", "Default: public");
    }

    @Test
    void usageErrorsExitWithTwo() {
        Cli.Run none = Cli.run("migrate");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("run, verify, continuous", "upsilon migrate --help");

        Cli.Run deletes = Cli.run("migrate", "run", "--spec", "x.yaml", "--deletes", "sometimes");
        assertThat(deletes.exitCode()).isEqualTo(2);
        assertThat(deletes.err()).contains("--deletes", "sometimes");

        Cli.Run maxKeys = Cli.run("migrate", "verify", "--spec", "x.yaml", "--max-keys", "-1");
        assertThat(maxKeys.exitCode()).isEqualTo(2);
        assertThat(maxKeys.err()).contains("--max-keys must be 0 to 100000");

        Cli.Run blank = Cli.run("migrate", "run", "--spec", "x.yaml", "--since", " ");
        assertThat(blank.exitCode()).isEqualTo(2);
        assertThat(blank.err()).contains("--since must not be blank");

        Cli.Run runs = Cli.run("migrate", "continuous", "--spec", "x.yaml", "--max-runs", "0");
        assertThat(runs.exitCode()).isEqualTo(2);
        assertThat(runs.err()).contains("--max-runs must be 1 or more");
    }
}
