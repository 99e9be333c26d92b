package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.ErrorCode;
import io.upsilon.config.ControlToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Usage and bad input, which must fail with exit 2 and one line on stderr before any database is touched. The
 * URL points at a closed port, so a test that wrongly got as far as connecting would fail with exit 1 instead.
 */
class MainTest {

    private static final String NO_DB = "jdbc:postgresql://127.0.0.1:1/nothing?user=nobody";

    @TempDir
    Path tmp;

    @Test
    void versionIsPrinted() {
        Cli.Run run = Cli.run("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("upsilon ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "plan", "upgrade", "history", "lock", "nodes", "fence", "maintenance enter",
        "maintenance exit", "maintenance status", "serve"})
    void everyCommandExplainsItself(String command) {
        Cli.Run run = Cli.run((command + " --help").split(" "));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Usage: upsilon " + command, "--json", "--url", "--data-dir", "Exit codes:");
        assertThat(run.out()).doesNotContain("--password");
    }

    @ParameterizedTest
    @ValueSource(strings = {"upgrade", "serve"})
    void commandsThatTakeTheLockExplainIt(String command) {
        assertThat(Cli.run(command, "--help").out()).contains("--lock-timeout", "Default: advisory", "Default: 60",
                "--node-id");
    }

    @Test
    void anUnknownCommandSuggestsTheNearest() {
        Cli.Run run = Cli.run("stauts");
        assertUsageError(run);
        assertThat(run.err()).contains("'stauts'", "did you mean 'status'");

        Cli.Run nested = Cli.run("maintenance", "entr");
        assertUsageError(nested);
        assertThat(nested.err()).contains("did you mean 'enter'");
    }

    @Test
    void anOptionACommandWouldIgnoreIsRefused() {
        Cli.Run run = Cli.run("status", "--lock", "lease", "--url", NO_DB);
        assertUsageError(run);
        assertThat(run.err()).contains("Unknown option", "--lock", "upsilon status --help");
    }

    @Test
    void topLevelHelpListsCommandsAndExitCodes() {
        Cli.Run run = Cli.run("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("status", "plan", "upgrade", "history", "lock", "nodes", "fence",
                "maintenance", "serve", "migrate", "tenant", "path", "Exit codes");
    }

    @Test
    void newCommandsDescribeTheirOwnOptions() {
        assertThat(Cli.run("fence", "--help").out()).contains("--below=VERSION", "--terminate-sessions");
        assertThat(Cli.run("maintenance", "--help").out()).contains("enter", "exit", "status", "drain");
        assertThat(Cli.run("maintenance", "enter", "--help").out()).contains("--reason", "--who", "--drain",
                "--drain-timeout", "Default: 60", "Default: maintenance");
        assertThat(Cli.run("serve", "--help").out()).contains("--host", "Default: 127.0.0.1", "--port",
                "Default: 8081", "--software-version", "--exit-on-fence", "/health/up", "/health/ready",
                ControlToken.ENV).doesNotContain("--control-token", "--token");
    }

    @Test
    void maintenanceWithoutAnActionIsAUsageError() {
        Cli.Run run = Cli.run("maintenance");
        assertUsageError(run);
        assertThat(run.err()).contains("enter, exit, status", "upsilon maintenance --help");
    }

    @Test
    void drainOptionsAreChecked() {
        Cli.Run timeoutAlone = Cli.run("maintenance", "enter", "--drain-timeout", "5", "--url", NO_DB);
        assertUsageError(timeoutAlone);
        assertThat(timeoutAlone.err()).contains("--drain-timeout only applies to --drain");

        Cli.Run negative = Cli.run("maintenance", "enter", "--drain", "--drain-timeout", "-1", "--url", NO_DB);
        assertUsageError(negative);
        assertThat(negative.err()).contains("--drain-timeout must be 0 or more");
    }

    @Test
    void fenceNeedsAGoodVersion() {
        assertUsageError(Cli.run("fence", "--url", NO_DB));
        Cli.Run bad = Cli.run("fence", "--below", "one", "--url", NO_DB);
        assertUsageError(bad);
        assertThat(bad.err()).contains("invalid version 'one'");
    }

    @Test
    void serveChecksItsInputBeforeConnecting() {
        String manifest = Manifests.twoVersions(tmp).toString();
        assertUsageError(Cli.run("serve", "--url", NO_DB, "--manifest", manifest, "--port", "70000"));

        Cli.Run below = Cli.run("serve", "--url", NO_DB, "--manifest", manifest, "--software-version", "0.9");
        assertUsageError(below);
        assertThat(below.err()).contains("--software-version 0.9 is below", "[1.0, 1.1]");

        Cli.Run longId = Cli.run("serve", "--url", NO_DB, "--manifest", manifest, "--node-id", "n".repeat(56));
        assertUsageError(longId);
        assertThat(longId.err()).contains("at most 55 characters");

        Cli.Run weakToken = Cli.run(Map.of(ControlToken.ENV, "hunter2"), "serve", "--url", NO_DB, "--manifest",
                manifest);
        assertUsageError(weakToken);
        assertThat(weakToken.err()).contains("control token", "shorter than 16");
        assertThat(weakToken.all()).doesNotContain("hunter2");
    }

    @Test
    void missingCommandIsAUsageError() {
        assertUsageError(Cli.run());
    }

    @Test
    void unknownOptionIsAUsageError() {
        Cli.Run run = Cli.run("status", "--bogus");
        assertUsageError(run);
        assertThat(run.err()).contains("--bogus", "upsilon status --help");
    }

    @Test
    void badTargetVersionIsAUsageError() {
        Cli.Run run = Cli.run("upgrade", "--url", NO_DB, "--manifest", Manifests.twoVersions(tmp).toString(),
                "--to", "one.two");
        assertUsageError(run);
        assertThat(run.err()).contains("invalid version 'one.two'", "e.g. 1.0.2");
    }

    @Test
    void targetOutsideTheManifestIsBadInput() {
        Cli.Run run = Cli.run("upgrade", "--url", NO_DB, "--manifest", Manifests.twoVersions(tmp).toString(),
                "--to", "9.9");
        assertUsageError(run);
        assertThat(run.err()).contains("--to 9.9 is not a version", "[1.0, 1.1]");
    }

    @Test
    void malformedManifestIsBadInputNamingTheLine() {
        Path manifest = Manifests.in(tmp).file("upsilon.tasks", "1.0\n  - sql/missing.sql\n").write();
        Cli.Run run = Cli.run("status", "--url", NO_DB, "--manifest", manifest.toString());
        assertUsageError(run);
        assertThat(run.err()).contains("upsilon.tasks:2", "not found", "fix the path");

        Manifests.in(tmp).file("upsilon.tasks", "1.0\nnot a version\n").write();
        Cli.Run garbage = Cli.run("plan", "--url", NO_DB, "--manifest", manifest.toString());
        assertUsageError(garbage);
        assertThat(garbage.err()).contains("upsilon.tasks:2");
    }

    @Test
    void manifestWithoutVersionsIsBadInput() {
        Path manifest = Manifests.in(tmp).file("upsilon.tasks", "# nothing yet\n").write();
        Cli.Run run = Cli.run("status", "--url", NO_DB, "--manifest", manifest.toString());
        assertUsageError(run);
        assertThat(run.err()).contains("lists no versions");
    }

    @Test
    void missingDefaultManifestSaysHowToGiveOne() {
        Cli.Run run = Cli.run("status", "--url", NO_DB);
        assertUsageError(run);
        assertThat(run.err()).contains("upsilon.tasks", "--manifest PATH");
    }

    @Test
    void missingClasspathEntryIsBadInput() {
        Cli.Run run = Cli.run("status", "--url", NO_DB, "--manifest", Manifests.twoVersions(tmp).toString(),
                "--classpath", tmp.resolve("no-such.jar").toString());
        assertUsageError(run);
        assertThat(run.err()).contains("--classpath entry", "no-such.jar");
    }

    @Test
    void lockReleaseWithoutYesRefusesAndExplains() {
        Cli.Run run = Cli.run("lock", "release", "--url", NO_DB);
        assertUsageError(run);
        assertThat(run.err()).contains("--yes", "never a live holder");
    }

    @Test
    void passwordInTheUrlIsRefusedWithoutEchoingIt() {
        Cli.Run run = Cli.run("history", "--url", "jdbc:postgresql://127.0.0.1:1/x?user=a&password=Tr0ub4dor%263",
                "--verbose", "--json");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("upsilon: --url must not carry a password").contains("UPSILON_PASSWORD",
                "\tat ");
        assertThat(run.all()).doesNotContain("Tr0ub4dor", "Tr0ub4dor&3");
    }

    @Test
    void aUrlNoBackendServesNamesItsSchemeAndTheBackendsWithoutEchoingTheRest() {
        Cli.Run run = Cli.run("history", "--url", "jdbc:mysql://127.0.0.1:1/x?user=a&password=Tr0ub4dor");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err()).startsWith("upsilon: no backend for JDBC URLs of scheme 'jdbc:mysql:'")
                .contains("PostgreSQL (jdbc:postgresql:)", "upsilon-postgres");
        assertThat(run.all()).doesNotContain("Tr0ub4dor", "127.0.0.1");
    }

    @Test
    void aPasswordOptionDoesNotExistAndItsValueIsNotEchoed() {
        Cli.Run run = Cli.run("status", "--password", "correct-horse");
        assertUsageError(run);
        assertThat(run.err()).contains("no password option", "UPSILON_PASSWORD");
        assertThat(run.all()).doesNotContain("correct-horse");
    }

    @Test
    void unreadableConfigFileIsBadInput() {
        Cli.Run run = Cli.run("history", "--url", NO_DB, "--config", tmp.resolve("absent.properties").toString());
        assertUsageError(run);
        assertThat(run.err()).contains("config file", "--config");
    }

    @Test
    void unreachableDatabaseHasItsOwnExitCodeOneLineAndNeverShowsThePassword() throws Exception {
        Map<String, String> env = Map.of(Main.PASSWORD_ENV, "env-secret-4711");
        Cli.Run run = Cli.run(env, "history", "--url", NO_DB, "--verbose", "--connect-timeout", "0");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ErrorCode.DATABASE_UNREACHABLE.exitCode())
                .isNotEqualTo(ErrorCode.TASK_FAILED.exitCode());
        assertThat(run.err()).startsWith("upsilon: cannot connect to the database at jdbc:postgresql://127.0.0.1:1/"
                + "nothing (").contains("\tat ");
        assertThat(run.all()).doesNotContain("env-secret-4711");

        Path config = Files.writeString(tmp.resolve("db.properties"), "password=file-secret-0815\n");
        Cli.Run viaFile = Cli.run(env, "history", "--url", NO_DB, "--config", config.toString(), "--json",
                "--connect-timeout", "0");
        assertThat(viaFile.exitCode()).isEqualTo(4);
        assertThat(viaFile.json().at("/error/code").asText()).isEqualTo("DATABASE_UNREACHABLE");
        assertThat(viaFile.all()).doesNotContain("file-secret-0815", "env-secret-4711");
    }

    private static void assertUsageError(Cli.Run run) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().strip().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).startsWith("upsilon: ");
    }
}
