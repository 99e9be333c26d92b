package io.upsilon.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.upsilon.demo.Demo;
import io.upsilon.demo.DemoSummary;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The rolling-upgrade benchmark ({@code rolling} mode). Each round runs the transfers demo ({@link Demo}) on a fresh
 * embedded PostgreSQL: three node JVMs of release {@code --from} behind the demo's readiness-gated router, an
 * open-loop load of {@code --rate} requests/s, a warm-up, a steady <em>before</em> window, one rolling upgrade to
 * {@code --to} (each node replaced in turn: start the new one, wait until READY, take the old one out, drain it,
 * SIGTERM; the first new node runs the data upgrade), then a steady <em>after</em> window. Per round it records
 * requests sent and failed and p50/p99 before, during and after ({@link RollingRound}); over the rounds it prints
 * medians, min–max and the ratio of the medians of p99 during and before. Goals (issue 8): 0 failed requests, and
 * p99 during ≤ 1.5× p99 before. It reports whether they are met; it asserts no times. Each round is also checked:
 * every upgrade task ran exactly once and the data version is the target's.
 */
final class RollingBench {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RollingBench() {
    }

    static void main(String[] args) throws Exception {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        RollingOptions options = RollingOptions.parse(args);
        Path work = Files.createTempDirectory("upsilon-bench-rolling-");
        String loadBefore = RollingReport.loadAverage();
        Harness.progress("rolling: " + options.rounds + " rounds, " + options.rate + " requests/s, " + options.from
                + " -> " + options.to + "; demo output and node logs in " + work);
        List<RollingRound> rounds = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int r = 1; r <= options.rounds; r++) {
            Path dir = Files.createDirectories(work.resolve("round-" + r));
            Path log = dir.resolve("demo.log");
            Harness.progress("rolling: round " + r + " of " + options.rounds + " (demo output in " + log + ")");
            try (OutputStream file = Files.newOutputStream(log);
                 PrintStream out = new PrintStream(file, true, StandardCharsets.UTF_8)) {
                DemoSummary summary = Demo.run(options.demoSettings(dir), out);
                // the per-500 ms timeline and events, to tell where a round's p99 came from
                JSON.writeValue(dir.resolve("summary.json").toFile(), summary);
                RollingRound round = RollingRound.of(r, summary);
                rounds.add(round);
                Harness.progress(String.format(java.util.Locale.ROOT, "rolling: round %d: %d sent, %d failed;"
                        + " p99 before %.1f ms, during %.1f ms (%.2fx); roll %.1f s", r, round.sent(), round.failed(),
                        round.p99Before(), round.p99During(), round.ratio(), round.rollSeconds()));
            } catch (Exception | AssertionError e) {
                // a round that cannot finish is reported, and the others still run
                String why = "round " + r + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()
                        + " (demo output: " + log + ")";
                failures.add(why);
                Harness.progress("rolling: FAILED " + why);
            } finally {
                deletePgData(dir);
            }
        }
        String report = new RollingReport(options, rounds, failures, loadBefore, RollingReport.loadAverage())
                .markdown();
        System.out.println();
        System.out.println(report);
        Files.createDirectories(options.out.toAbsolutePath().getParent());
        Files.writeString(options.out, report, StandardCharsets.UTF_8);
        Harness.progress("written to " + options.out.toAbsolutePath()
                + (options.keep || !failures.isEmpty() ? "; logs kept in " + work : ""));
        if (!options.keep && failures.isEmpty()) {
            delete(work);
        }
    }

    /** The database files are the bulk of a round's directory and tell nothing after it; the logs stay. */
    private static void deletePgData(Path round) {
        delete(round.resolve("pgdata"));
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            Harness.progress("could not delete " + dir + ": " + e.getMessage());
        }
    }
}
