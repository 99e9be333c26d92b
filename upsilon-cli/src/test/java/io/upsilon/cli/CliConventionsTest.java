package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonNode;
import io.upsilon.report.ExitCodeTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The CLI speaks one language: every rule here walks the whole picocli command tree, so a command added later is
 * checked without anyone remembering to list it.
 */
class CliConventionsTest {

    /** The commands that take the cluster lock and act as a node (write the history, hold the lock, register). */
    private static final Set<String> LOCK_AND_NODE = Set.of("upsilon upgrade", "upsilon repair", "upsilon baseline",
            "upsilon serve", "upsilon rollback", "upsilon race");
    /** The commands that read the task manifest. */
    private static final Set<String> MANIFEST = Set.of("upsilon status", "upsilon plan", "upsilon upgrade",
            "upsilon validate", "upsilon repair", "upsilon baseline", "upsilon fence", "upsilon serve",
            "upsilon path", "upsilon rollback", "upsilon tenant install", "upsilon tenant upgrade");
    /** Flags that ask "are you sure?" under another name. */
    private static final List<String> OTHER_CONFIRMATIONS = List.of("--force", "--confirm", "--i-am-sure", "--really",
            "-f", "-y", "--yes-i-am-sure", "--sure");

    private static List<CommandSpec> commands() {
        List<CommandSpec> all = new ArrayList<>();
        collect(new CommandLine(new Main(Map.of())).getCommandSpec(), all);
        return all;
    }

    private static void collect(CommandSpec spec, List<CommandSpec> all) {
        if (spec.name().equals("help")) {
            return; // picocli's own help command
        }
        all.add(spec);
        spec.subcommands().values().forEach(sub -> collect(sub.getCommandSpec(), all));
    }

    /** The commands that do work (not the groups such as 'maintenance', which only hold subcommands). */
    private static Stream<CommandSpec> leaves() {
        return commands().stream().filter(spec -> spec.subcommands().isEmpty());
    }

    @Test
    void everyCommandAnswersDashCapitalVWithTheVersion() {
        SoftAssertions soft = new SoftAssertions();
        for (CommandSpec spec : commands()) {
            soft.assertThat(spec.findOption("-V")).as(spec.qualifiedName()).isNotNull();
            List<String> args = new ArrayList<>(List.of(spec.qualifiedName().split(" ")).subList(1,
                    spec.qualifiedName().split(" ").length));
            args.add("-V");
            Cli.Run run = Cli.run(args.toArray(String[]::new));
            soft.assertThat(run.exitCode()).as(spec.qualifiedName() + " -V").isZero();
            soft.assertThat(run.out()).as(spec.qualifiedName() + " -V").startsWith("upsilon " + CliVersion.version());
        }
        soft.assertAll();
    }

    @Test
    void everyCommandHasJsonAsAFlag() {
        SoftAssertions soft = new SoftAssertions();
        // demo hands its arguments to the demo module, which checks its own --json
        leaves().filter(spec -> !spec.name().equals("demo")).forEach(spec -> {
            OptionSpec json = spec.findOption("--json");
            soft.assertThat(json).as(spec.qualifiedName()).isNotNull();
            if (json != null) {
                soft.assertThat(json.arity().max()).as(spec.qualifiedName() + " --json takes no value").isZero();
            }
            soft.assertThat(spec.findOption("--json-file") == null || spec.findOption("--json-file").arity().max() == 1)
                    .as(spec.qualifiedName() + " --json-file takes a file").isTrue();
        });
        soft.assertAll();
    }

    @Test
    void noCommandAcceptsLockNodeOrManifestOptionsItWouldIgnore() {
        SoftAssertions soft = new SoftAssertions();
        leaves().filter(spec -> !spec.name().equals("demo")).forEach(spec -> {
            String name = spec.qualifiedName();
            boolean lockAndNode = LOCK_AND_NODE.contains(name);
            soft.assertThat(spec.findOption("--lock") != null).as(name + " --lock").isEqualTo(lockAndNode);
            soft.assertThat(spec.findOption("--lock-timeout") != null).as(name + " --lock-timeout")
                    .isEqualTo(lockAndNode);
            soft.assertThat(spec.findOption("--node-id") != null).as(name + " --node-id").isEqualTo(lockAndNode);
            soft.assertThat(spec.findOption("--manifest") != null).as(name + " --manifest")
                    .isEqualTo(MANIFEST.contains(name));
        });
        soft.assertAll();
    }

    @Test
    void theOnlyConfirmationFlagIsYes() {
        SoftAssertions soft = new SoftAssertions();
        for (CommandSpec spec : commands()) {
            for (OptionSpec option : spec.options()) {
                for (String other : OTHER_CONFIRMATIONS) {
                    soft.assertThat(option.names()).as(spec.qualifiedName()).doesNotContain(other);
                }
                String description = String.join(" ", option.description());
                if (description.startsWith("Confirm")) {
                    soft.assertThat(option.longestName()).as(spec.qualifiedName() + ": " + description)
                            .isEqualTo("--yes");
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void timeoutsAreNamedForWhatTheyBound() {
        SoftAssertions soft = new SoftAssertions();
        for (CommandSpec spec : commands()) {
            for (OptionSpec option : spec.options()) {
                for (String name : option.names()) {
                    soft.assertThat(name).as(spec.qualifiedName()).isNotIn("--timeout", "-t", "--wait");
                    if (name.contains("timeout")) {
                        soft.assertThat(name).as(spec.qualifiedName()).matches("--[a-z]+(-[a-z]+)*-timeout");
                    }
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void everyCommandThatCanStartTheEmbeddedDatabaseTakesItsDataDir() {
        SoftAssertions soft = new SoftAssertions();
        leaves().filter(spec -> spec.findOption("--embedded") != null || spec.findOption("--url") != null)
                .forEach(spec -> soft.assertThat(spec.findOption("--data-dir")).as(spec.qualifiedName()).isNotNull());
        soft.assertAll();
    }

    @Test
    void moduleAndToMeanOneThingPerConcept() {
        SoftAssertions soft = new SoftAssertions();
        commands().stream().filter(spec -> spec.qualifiedName().startsWith("upsilon tenant "))
                .map(spec -> spec.findOption("--module")).forEach(module -> {
                    soft.assertThat(module).isNotNull();
                    if (module != null) {
                        soft.assertThat(module.paramLabel()).as("--module of every tenant command").isEqualTo("NAME");
                    }
                });
        // a --to is a manifest version, a release, or a tenant module's version: each with its own label and words
        Map<String, String> descriptions = new java.util.HashMap<>();
        for (CommandSpec spec : commands()) {
            OptionSpec to = spec.findOption("--to");
            if (to != null) {
                soft.assertThat(to.paramLabel()).as(spec.qualifiedName())
                        .isIn("VERSION", "RELEASE", "VERSION_OR_MODULE_ID");
                String previous = descriptions.putIfAbsent(to.paramLabel(), to.description()[0]
                        .replaceAll("every tenant|the tenant", "TENANTS").replaceAll("\\(\\d\\.\\d\\.\\d\\)", "")
                        .replaceAll("\\(mod-transfers-\\d\\.\\d\\.\\d\\)", ""));
                if (previous != null) {
                    soft.assertThat(to.description()[0].replaceAll("every tenant|the tenant", "TENANTS")
                                    .replaceAll("\\(\\d\\.\\d\\.\\d\\)", "")
                                    .replaceAll("\\(mod-transfers-\\d\\.\\d\\.\\d\\)", ""))
                            .as(spec.qualifiedName() + " --to " + to.paramLabel()).isEqualTo(previous);
                }
            }
        }
        soft.assertAll();
    }

    @Test
    void everyHelpListsEveryExitCode() {
        SoftAssertions soft = new SoftAssertions();
        for (CommandSpec spec : commands()) {
            String help = spec.commandLine().getUsageMessage();
            soft.assertThat(help).as(spec.qualifiedName()).contains("Exit codes:", "  0    ok",
                    "  " + UpsilonNode.FENCED_EXIT_STATUS + " ", "  " + ExitCodeTable.SIGTERM + " ");
            for (ErrorCode code : ErrorCode.values()) {
                soft.assertThat(help).as(spec.qualifiedName()).contains(code.name())
                        .contains("  " + code.exitCode() + "    ");
            }
        }
        soft.assertAll();
    }

    @Test
    void everySummaryInACommandListIsAWholeSentence() {
        SoftAssertions soft = new SoftAssertions();
        for (CommandSpec spec : commands()) {
            if (spec.parent() != null) {
                String summary = spec.usageMessage().description()[0].strip();
                soft.assertThat(summary).as(spec.qualifiedName() + " summary").matches("(?s).*[.)]$");
            }
        }
        soft.assertAll();
    }
}
