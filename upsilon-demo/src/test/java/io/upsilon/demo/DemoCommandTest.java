package io.upsilon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The demo's and the race's options: what {@code --help} says is what a run does. */
class DemoCommandTest {

    /** The settings a command line gives, parsed as {@code upsilon demo} parses it. */
    private static Demo.Settings settings(String... args) {
        DemoCommand command = new DemoCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    @Test
    void helpShowsTheDefaultsARunUses() {
        Cli.Run help = Cli.run("demo", "--help");
        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).contains("Usage: upsilon demo", "--quick", "--naive", "--rollback", "--no-move",
                "--nodes=N", "--rate=N", "--duration=SECONDS", "--warmup=SECONDS", "--from=VERSION", "--to=VERSION",
                "--releases=FILE", "--json", "--report=FILE", "--work-dir=DIR", "-V, --version", "Exit codes");
        assertThat(help.out().replaceAll("\\s+", " ")).contains("Default: 3", "Default: 150", "Default: 10",
                "Default: 0", "Default: upsilon-demo-report.html", "(25 with --quick)", "(1 with --quick)");

        Demo.Settings defaults = settings();
        assertThat(defaults.nodes()).isEqualTo(3);
        assertThat(defaults.rate()).isEqualTo(150);
        assertThat(defaults.duration()).isEqualTo(10);
        assertThat(defaults.warmup()).isZero();
        assertThat(defaults.move()).isTrue();
        assertThat(defaults.naive()).isFalse();
        assertThat(defaults.rollback()).isFalse();
        assertThat(defaults.from()).isNull();
        assertThat(defaults.to()).isNull();
        assertThat(defaults.releases()).isNull();
        assertThat(defaults.workDir()).isNull();
        assertThat(defaults.report()).isEqualTo(Path.of("upsilon-demo-report.html"));
    }

    @Test
    void quickLowersOnlyTheRateAndDurationNotGiven() {
        Demo.Settings quick = settings("--quick");
        assertThat(quick.rate()).isEqualTo(DemoCommand.QUICK_RATE);
        assertThat(quick.duration()).isEqualTo(DemoCommand.QUICK_DURATION);

        Demo.Settings given = settings("--quick", "--rate", "40", "--duration", "2.5", "--no-move", "--warmup", "3",
                "--to", "2.0.0", "--report", "r.html");
        assertThat(given.rate()).isEqualTo(40);
        assertThat(given.duration()).isEqualTo(2.5);
        assertThat(given.move()).isFalse();
        assertThat(given.warmup()).isEqualTo(3);
        assertThat(given.to()).hasToString("2.0.0");
        assertThat(given.report()).isEqualTo(Path.of("r.html"));
    }

    @Test
    void jsonIsAFlagAndABadOptionIsAUsageError() {
        Cli.Run file = Cli.run("demo", "--json", "summary.json");
        assertThat(file.exitCode()).as(file.toString()).isEqualTo(2);
        assertThat(file.err()).contains("summary.json");

        Cli.Run nodes = Cli.run("demo", "--nodes", "0");
        assertThat(nodes.exitCode()).as(nodes.toString()).isEqualTo(2);
        assertThat(nodes.err()).contains("--nodes must be 1 to 16");

        Cli.Run version = Cli.run("demo", "--to", "two");
        assertThat(version.exitCode()).as(version.toString()).isEqualTo(2);
    }

    @Test
    void raceDoesNotCallItselfTheDemo() {
        Cli.Run help = Cli.run("race", "--help");
        assertThat(help.exitCode()).as(help.toString()).isZero();
        assertThat(help.out()).contains("Usage: upsilon race", "--nodes=N", "Default: 3", "--url", "--data-dir",
                "--json", "-V, --version", "exactly once").doesNotContainIgnoringCase("the demo");
    }

    @ParameterizedTest
    @ValueSource(strings = {"demo", "race"})
    void versionIsTheCommandLinesVersion(String command) {
        Cli.Run top = Cli.run("--version");
        Cli.Run run = Cli.run(command, "-V");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).startsWith("upsilon ").isEqualTo(top.out());
    }

    @Test
    void theCommandLineListsThePluginsCommandsBeforeHelp() {
        Cli.Run run = Cli.run("--help");
        assertThat(run.exitCode()).isZero();
        String out = run.out();
        assertThat(out).contains("  demo ", "  race ", "  help ");
        assertThat(out.indexOf("  demo ")).isLessThan(out.indexOf("  help "));
        assertThat(Cli.run().err()).contains("missing command: choose one of", "demo, race");
    }
}
