package io.upsilon.cli;

import io.upsilon.examples.transfers.Demo;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code upsilon demo}: the main job. Rolls the example transfers service through its five releases under load, with
 * readiness gating and draining, on an embedded PostgreSQL; see {@code examples/transfers}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Rolls a live service through five releases under load: an embedded PostgreSQL, three node"
                + " processes of the example transfers service at 1.0.0 behind a readiness-aware router (a demo"
                + " harness standing in for your load balancer), and steady v1/v2 traffic. Plans the chain from"
                + " examples/releases.yaml, then replaces the nodes one at a time per step (start the new node, wait"
                + " for READY, drain the old one, stop it). Prints requests per phase (sent, succeeded, failed,"
                + " p50/p99), every upgrade task with the node that ran it, and writes upsilon-demo-report.html.",
                "",
                "Options (passed to the demo):",
                "  --quick            a short run (used by the tests)",
                "  --naive            stop old nodes without draining and ignore readiness: shows the failures",
                "  --rollback         after the forward roll, roll the live service back to --from under load"
                        + " (upsilon rollback's chain, nodes first, then the data); replaces the side-by-side move",
                "  --nodes N          nodes in the cluster (default 3)",
                "  --rate N           requests per second (default 50)",
                "  --duration S       seconds of steady load between steps (default 5)",
                "  --from V, --to V   the releases to roll between (default: first and last)",
                "  --json FILE        write the summary as JSON",
                "  --html FILE        the report (default upsilon-demo-report.html)",
                "  --work-dir DIR     where the database and node logs go (default: a temporary directory)",
                "",
                "Exit code 0 when no request failed, 1 otherwise, 2 for a bad option."})
final class DemoCommand implements Callable<Integer> {

    @Unmatched
    List<String> args = new ArrayList<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        List<String> demo = new ArrayList<>(args);
        if (!demo.contains("--html")) {
            demo.add("--html");
            demo.add("upsilon-demo-report.html");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (PrintStream lines = new PrintStream(new LineForwarder(out), true, StandardCharsets.UTF_8)) {
            Map<String, Object> summary = Demo.run(demo.toArray(String[]::new), lines);
            Object failed = ((Map<?, ?>) summary.get("total")).get("failed");
            return ((Number) failed).longValue() == 0 ? 0 : 1;
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("upsilon: " + e.getMessage() + "; see 'upsilon demo --help'");
            return 2;
        }
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
