package io.upsilon.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.upsilon.Version;
import io.upsilon.cli.VersionConverter;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code upsilon demo}: rolls the example transfers service through its five releases under load, with readiness
 * gating and draining, on an embedded PostgreSQL, then moves it side by side to a new cluster ({@link Demo}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = RootVersion.class,
        showDefaultValues = true, sortOptions = false,
        description = {"Rolls a live service through five releases under load: an embedded PostgreSQL, three node"
                + " processes of the example transfers service at 1.0.0 behind a readiness-aware router (a demo"
                + " harness standing in for your load balancer), and steady v1/v2 traffic. Plans the chain from"
                + " examples/releases.yaml, then replaces the nodes one at a time per step (start the new node, wait"
                + " for READY, drain the old one, stop it); then moves the service side by side to a new cluster"
                + " running a newer PostgreSQL. Prints requests per phase (sent, succeeded, failed, p50/p99) and"
                + " every upgrade task with the node that ran it, and writes an HTML report."},
        footer = {"", "Exit codes: 0 no request failed, 1 a request failed, 2 usage or bad input."})
public final class DemoCommand implements Callable<Integer> {

    static final String RATE = "150";
    static final String DURATION = "10";
    static final int QUICK_RATE = 25;
    static final int QUICK_DURATION = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--quick", description = "A short run: --rate " + QUICK_RATE + " and --duration " + QUICK_DURATION
            + " unless given (what the tests run).")
    boolean quick;

    @Option(names = "--naive", description = "Stop old nodes without draining and ignore readiness: shows the"
            + " failures a rollout without probes has.")
    boolean naive;

    @Option(names = "--rollback", description = "After the forward roll, roll the live service back to --from under"
            + " load (the chain 'upsilon rollback' plans: nodes first, then the data); replaces the side-by-side"
            + " move.")
    boolean rollback;

    @Option(names = "--no-move", description = "Skip the side-by-side move to a new cluster at the end.")
    boolean noMove;

    @Option(names = "--nodes", paramLabel = "N", defaultValue = "3", description = "Nodes in the cluster.")
    int nodes;

    @Option(names = "--rate", paramLabel = "N", defaultValue = RATE, description = "Requests per second ("
            + QUICK_RATE + " with --quick).")
    int rate;

    @Option(names = "--duration", paramLabel = "SECONDS", defaultValue = DURATION, description = "Seconds of steady"
            + " load before, between and after the steps (" + QUICK_DURATION + " with --quick).")
    double duration;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "0", description = "Seconds of load in a"
            + " warm-up phase of its own before the first steady phase.")
    double warmup;

    @Option(names = "--from", paramLabel = "VERSION", converter = VersionConverter.class, description = "The release"
            + " to start from (default: the first of the release file).")
    Version from;

    @Option(names = "--to", paramLabel = "VERSION", converter = VersionConverter.class, description = "The release"
            + " to roll to (default: the last of the release file).")
    Version to;

    @Option(names = "--releases", paramLabel = "FILE", description = "The release file (default: the packaged"
            + " examples/releases.yaml).")
    Path releases;

    @Option(names = "--json", description = "Print the summary as one JSON document on stdout; the progress and the"
            + " tables go to stderr.")
    boolean json;

    @Option(names = "--report", paramLabel = "FILE", defaultValue = "upsilon-demo-report.html",
            description = "Where the HTML report goes.")
    Path report;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the databases and node logs go (default:"
            + " a new temporary directory).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        Demo.Settings settings = settings();
        PrintWriter text = json ? spec.commandLine().getErr() : spec.commandLine().getOut();
        DemoSummary summary;
        try (PrintStream lines = new PrintStream(new LineForwarder(text), true, StandardCharsets.UTF_8)) {
            summary = Demo.run(settings, lines);
        }
        if (json) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(summary));
            out.flush();
        }
        return summary.total().failed() == 0 ? 0 : 1;
    }

    /** The options as the demo takes them; {@code --quick} lowers the rate and duration not given. */
    Demo.Settings settings() {
        if (nodes < 1 || nodes > 16) {
            throw new ParameterException(spec.commandLine(), "--nodes must be 1 to 16, got " + nodes);
        }
        if (rate < 1 || duration <= 0 || warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--rate and --duration must be positive, --warmup 0 or"
                    + " more");
        }
        boolean rateGiven = spec.commandLine().getParseResult().hasMatchedOption("--rate");
        boolean durationGiven = spec.commandLine().getParseResult().hasMatchedOption("--duration");
        return new Demo.Settings(naive, rollback, !noMove, nodes, quick && !rateGiven ? QUICK_RATE : rate,
                quick && !durationGiven ? QUICK_DURATION : duration, warmup, from, to, releases, workDir, report);
    }

    /** Passes the demo's output on line by line, as it is printed, so a long run shows its progress. */
    private static final class LineForwarder extends OutputStream {
        private final PrintWriter out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineForwarder(PrintWriter out) {
            this.out = out;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                out.println(line.toString(StandardCharsets.UTF_8));
                out.flush();
                line.reset();
            } else if (b != '\r') {
                line.write(b);
            }
        }

        @Override
        public synchronized void close() {
            if (line.size() > 0) {
                out.print(line.toString(StandardCharsets.UTF_8));
            }
            out.flush();
        }
    }
}
