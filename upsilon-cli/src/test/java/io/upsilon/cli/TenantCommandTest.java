package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.testsupport.HostileTenantIds;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code upsilon tenant}'s usage and bad input: exit 2 and one line on stderr before any database is touched. The
 * URL points at a closed port, so a command that wrongly got as far as connecting would exit with 1 instead.
 */
class TenantCommandTest {

    private static final String NO_DB = "jdbc:postgresql://127.0.0.1:1/nothing?user=nobody";

    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"install", "upgrade", "list", "disable", "purge"})
    void everyActionExplainsItself(String action) {
        Cli.Run run = Cli.run("tenant", action, "--help");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Usage: upsilon tenant " + action, "--json", "--url", "--data-dir",
                "--module=NAME");
        assertThat(run.out()).doesNotContain("--password", "--lock", "--node-id", "--schema");
        // only the actions that run tasks read a manifest
        if (action.equals("install") || action.equals("upgrade")) {
            assertThat(run.out()).contains("--manifest", "--classpath");
        } else {
            assertThat(run.out()).doesNotContain("--manifest", "--classpath");
        }
    }

    @Test
    void theGroupAndEachActionDescribeTheirOptions() {
        assertThat(Cli.run("--help").out()).contains("tenant");
        assertThat(Cli.run("tenant", "--help").out()).contains("install", "upgrade", "list", "purge",
                "TENANT_MODULE", "upsilon_tenant", "exit 2");
        assertThat(Cli.run("tenant", "install", "--help").out()).contains("--tenant=ID", "--module=NAME",
                "--to=VERSION_OR_MODULE_ID", "mod-transfers-1.0.0", "CREATED", "UNCHANGED", "UPGRADED", "REJECTED", "FAILED");
        assertThat(Cli.run("tenant", "upgrade", "--help").out()).contains("--module=NAME",
                "--to=VERSION_OR_MODULE_ID", "--canary=TENANT", "--parallel=N", "Default: 1", "--continue-on-error",
                "--simulate", "SKIPPED", "mod-transfers-2.0.1");
        assertThat(Cli.run("tenant", "list", "--help").out()).contains("--module=NAME", "LAST", "every module");
        assertThat(Cli.run("tenant", "purge", "--help").out()).contains("--tenant=ID", "--module=NAME", "--yes",
                "cannot be undone");
    }

    @Test
    void theGroupWithoutAnActionIsAUsageError() {
        Cli.Run run = Cli.run("tenant");
        assertUsageError(run);
        assertThat(run.err()).contains("install, upgrade, list, disable, purge", "upsilon tenant --help");
    }

    @Test
    void requiredOptionsAreRequired() {
        assertThat(Cli.run("tenant", "install", "--module", "mod-x", "--to", "1.0.0", "--url", NO_DB).err())
                .contains("--tenant");
        assertUsageError(Cli.run("tenant", "install", "--tenant", "acme", "--url", NO_DB));
        assertUsageError(Cli.run("tenant", "upgrade", "--module", "mod-x", "--url", NO_DB));
        assertUsageError(Cli.run("tenant", "upgrade", "--to", "2.0.0", "--url", NO_DB));
        assertUsageError(Cli.run("tenant", "purge", "--tenant", "acme", "--url", NO_DB, "--yes"));
        assertUsageError(Cli.run("tenant", "upgrade", "--module", "mod-x", "--to", "2.0.0", "--lock", "lease",
                "--url", NO_DB));
    }

    @Test
    void moduleArgumentsAreChecked() {
        Cli.Run noVersion = Cli.run("tenant", "install", "--tenant", "acme", "--module", "mod-x", "--url", NO_DB);
        assertUsageError(noVersion);
        assertThat(noVersion.err()).contains("Missing required option: '--to=VERSION_OR_MODULE_ID'");

        Cli.Run oldForm = Cli.run("tenant", "install", "--tenant", "acme", "--module", "mod-x-1.0.0", "--to",
                "1.0.0", "--url", NO_DB);
        assertUsageError(oldForm);
        assertThat(oldForm.err()).as("--module takes the same form in every tenant command")
                .contains("without a version", "--module mod-x", "--to");

        Cli.Run withVersion = Cli.run("tenant", "upgrade", "--module", "mod-x-2.0.0", "--to", "2.0.0", "--url",
                NO_DB);
        assertUsageError(withVersion);
        assertThat(withVersion.err()).contains("without a version", "--module mod-x", "--to");

        Cli.Run hostile = Cli.run("tenant", "list", "--module", "mod\n-x; drop", "--url", NO_DB);
        assertUsageError(hostile);
        assertThat(hostile.err()).contains("'mod\\u000a-x; drop' is not a module name");

        Cli.Run badName = Cli.run("tenant", "install", "--tenant", "acme", "--module", "Mod_X", "--to", "1.0.0",
                "--url", NO_DB);
        assertUsageError(badName);
        assertThat(badName.err()).contains("'Mod_X' is not a module name");
    }

    @Test
    void upgradeTargetsAreChecked() {
        Cli.Run otherModule = upgrade("--to", "mod-y-2.0.0");
        assertUsageError(otherModule);
        assertThat(otherModule.err()).contains("--to mod-y-2.0.0 is not a version of mod-x", "--to mod-x-2.0.1");

        Cli.Run noVersion = upgrade("--to", "mod-x");
        assertUsageError(noVersion);

        Cli.Run notAVersion = upgrade("--to", "2.x");
        assertUsageError(notAVersion);
        assertThat(notAVersion.err()).contains("invalid version '2.x'");

        Cli.Run parallel = upgrade("--to", "2.0.0", "--parallel", "0");
        assertUsageError(parallel);
        assertThat(parallel.err()).contains("--parallel must be at least 1, got 0");
    }

    @Test
    void purgeWithoutYesIsRefusedAndExplained() {
        Cli.Run run = Cli.run("tenant", "purge", "--tenant", "acme", "--module", "mod-transfers", "--url", NO_DB);
        assertUsageError(run);
        assertThat(run.err()).contains("drops schema acme_mod_transfers", "cannot be undone", "--yes");
        Cli.Run json = Cli.run("tenant", "purge", "--tenant", "acme", "--module", "mod-transfers", "--url", NO_DB,
                "--json");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.json().at("/error/code").asText()).isEqualTo("BAD_INPUT");
    }

    /** Every hostile id, in every place a tenant id is taken, as a separate argument and as --option=value. */
    @Test
    void hostileTenantIdsAreRefusedBeforeAnyDatabaseIsTouched() {
        String manifest = Manifests.twoVersions(tmp).toString();
        List<String> failures = new ArrayList<>();
        for (String id : HostileTenantIds.IDS) {
            List<String[]> commands = List.of(
                    new String[] {"tenant", "install", "--tenant", id, "--module", "mod-x", "--to", "1.0", "--url",
                        NO_DB, "--manifest", manifest},
                    new String[] {"tenant", "install", "--tenant=" + id, "--module", "mod-x", "--to", "1.0", "--url",
                        NO_DB},
                    new String[] {"tenant", "upgrade", "--module", "mod-x", "--to", "1.1", "--canary", id, "--url",
                        NO_DB},
                    new String[] {"tenant", "purge", "--tenant", id, "--module", "mod-x", "--yes", "--url", NO_DB},
                    new String[] {"tenant", "purge", "--module", "mod-x", "--tenant=" + id, "--url", NO_DB});
            for (String[] args : commands) {
                Cli.Run run = Cli.run(args);
                if (run.exitCode() != 2 || run.err().strip().lines().count() != 1 || !run.err().startsWith("upsilon: ")
                        || !printable(run.err())) {
                    failures.add(List.of(args) + " -> " + run);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Nothing that could forge or split a line: printable ASCII, the line end and the ellipsis of a cut id. */
    static boolean printable(String text) {
        return text.chars().allMatch(c -> (c >= 0x20 && c < 0x7f) || c == '\n' || c == '…');
    }

    private static Cli.Run upgrade(String... args) {
        List<String> all = new ArrayList<>(List.of("tenant", "upgrade", "--module", "mod-x", "--url", NO_DB));
        all.addAll(List.of(args));
        return Cli.run(all.toArray(String[]::new));
    }

    private static void assertUsageError(Cli.Run run) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().strip().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).startsWith("upsilon: ");
    }
}
