package io.upsilon.bench;

import io.upsilon.Version;
import io.upsilon.demo.Demo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command-line options of the rolling benchmark; {@code --quick} changes the defaults, explicit options win. */
@Command(name = "rolling", mixinStandardHelpOptions = true, sortOptions = false,
        description = "A rolling upgrade of three nodes under steady load: failed requests, p99 during the roll"
                + " against p99 before it.")
final class RollingOptions {

    @Option(names = "--quick", description = "2 rounds, 50 requests/s, 5 s windows, 10 s warm-up")
    boolean quick;
    @Option(names = "--rounds", description = "rounds (default: 3)")
    int rounds = 3;
    @Option(names = "--rate", description = "requests per second (default: 150)")
    int rate = 150;
    @Option(names = "--window", description = "seconds of steady load before and after the roll (default: 20)")
    double window = 20;
    @Option(names = "--warmup", description = "seconds of unmeasured load first (default: 20)")
    double warmup = 20;
    @Option(names = "--from", description = "release the nodes start at (default: ${DEFAULT-VALUE})")
    String from = "1.0.0";
    @Option(names = "--to", description = "release they are rolled to (default: ${DEFAULT-VALUE})")
    String to = "1.0.1";
    @Option(names = "--out", description = "where to write the section (default: upsilon-bench/results-rolling.md)")
    Path out;
    @Option(names = "--keep", description = "keep the work directory")
    boolean keep;
    final List<String> raw = new ArrayList<>();

    static RollingOptions parse(String[] args) {
        RollingOptions o = new RollingOptions();
        if (List.of(args).contains("--quick")) {
            // set before parsing, so picocli takes them as the defaults and explicit options still win
            o.rounds = 2;
            o.rate = 50;
            o.window = 5;
            o.warmup = 10;
        }
        CommandLineOptions.parse(o, args);
        o.raw.addAll(List.of(args));
        if (o.rounds < 1 || o.rate < 1 || o.window <= 0 || o.warmup < 0) {
            throw new IllegalArgumentException("--rounds, --rate and --window must be positive, --warmup not negative");
        }
        if (o.out == null) {
            o.out = Child.resultsFile("results-rolling.md");
        }
        return o;
    }

    /** The demo's settings for one round: three nodes, no side-by-side move, no report, its files in {@code dir}. */
    Demo.Settings demoSettings(Path dir) {
        return new Demo.Settings(false, false, false, 3, rate, window, warmup, Version.parse(from), Version.parse(to),
                null, dir, null);
    }
}
