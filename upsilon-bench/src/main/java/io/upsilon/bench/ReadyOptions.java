package io.upsilon.bench;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command-line options of the {@code ready} benchmark. */
@Command(name = "ready", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Eight nodes start at once with one pending task: task end to the last node READY, Upsilon"
                + " against Flyway's lock retry.")
final class ReadyOptions {

    @Option(names = "--rounds", description = "rounds, sides alternating (default: ${DEFAULT-VALUE})")
    int rounds = 5;
    @Option(names = "--nodes", description = "node JVMs per side and round (default: ${DEFAULT-VALUE})")
    int nodes = 8;
    @Option(names = "--task-ms", description = "how long the pending task sleeps (default: ${DEFAULT-VALUE})")
    long taskMillis = 2_000;
    long timeoutMillis = 120_000;
    @Option(names = "--out", description = "where to write the section (default: upsilon-bench/results-ready.md)")
    Path out;
    @Option(names = "--keep", description = "keep the work directory")
    boolean keep;
    List<String> raw = List.of();

    @Option(names = "--timeout-s", description = "how long a round may take, in seconds (default: 120)")
    void timeoutSeconds(long seconds) {
        timeoutMillis = seconds * 1_000;
    }

    static ReadyOptions parse(String[] args) {
        ReadyOptions o = CommandLineOptions.parse(new ReadyOptions(), args);
        o.raw = List.of(args);
        if (o.rounds < 1 || o.nodes < 2 || o.taskMillis < 0) {
            throw new IllegalArgumentException("need --rounds >= 1, --nodes >= 2 and --task-ms >= 0");
        }
        if (o.out == null) {
            o.out = Child.resultsFile("results-ready.md");
        }
        return o;
    }
}
