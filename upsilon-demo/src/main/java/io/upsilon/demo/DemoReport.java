package io.upsilon.demo;

import io.upsilon.demo.Demo.PhaseTime;
import io.upsilon.demo.DemoSummary.Bucket;
import io.upsilon.demo.DemoSummary.Event;
import io.upsilon.demo.DemoSummary.Move;
import io.upsilon.demo.DemoSummary.Phase;
import io.upsilon.demo.DemoSummary.Requests;
import io.upsilon.demo.DemoSummary.Rollback;
import io.upsilon.demo.DemoSummary.Step;
import io.upsilon.demo.DemoSummary.Task;
import io.upsilon.release.ChainStep;
import io.upsilon.release.PlannedChain;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The end of a demo run: counts the load's samples per phase, prints the tables and the result line, and puts it
 * all into the {@link DemoSummary}.
 */
final class DemoReport {

    private final PrintStream out;

    DemoReport(PrintStream out) {
        this.out = out;
    }

    DemoSummary summarize(Demo.Settings settings, PlannedChain chain, List<LoadGenerator.Sample> samples,
                          List<PhaseTime> times, List<Event> events, List<TaskRecord> history, String dataVersion,
                          long rows, long nullQuotes, Move move, Rollback back, double seconds, Path work) {
        List<Phase> phases = times.stream().map(p -> new Phase(p.name(), p.kind(), p.startMs(), p.endMs(),
                stats(samples.stream().filter(s -> s.phase().equals(p.name())).toList()))).toList();
        Requests total = stats(samples);
        Requests rolling = stats(samples.stream().filter(s -> s.phase().startsWith("step")).toList());
        Requests rollingBack = stats(samples.stream().filter(s -> s.phase().startsWith("rollback")).toList());

        out.println();
        out.println("Requests per phase (client side, through the router):");
        out.printf("  %-24s %8s %9s %7s %9s %9s %13s%n", "PHASE", "SENT", "SUCCEEDED", "FAILED", "P50 ms", "P99 ms",
                "NODE P50/P99");
        for (Phase p : phases) {
            row(p.name(), p.requests());
        }
        row("all rolling steps", rolling);
        if (back != null) {
            row("all rollback steps", rollingBack);
        }
        row("total", total);
        printFailures(samples);

        out.println();
        out.println("Upgrade tasks (from the history table):");
        out.printf("  %-8s %-58s %-10s %-10s %8s%n", "VERSION", "TASK", "STATUS", "NODE", "ms");
        List<Task> tasks = new ArrayList<>();
        for (TaskRecord r : history) {
            long ms = r.duration().map(Duration::toMillis).orElse(-1L);
            out.printf("  %-8s %-58s %-10s %-10s %8d%n", r.version(), r.task(), r.status(), r.nodeId(), ms);
            tasks.add(new Task(r.version().toString(), r.task(), r.status().name(), r.nodeId(), r.fencingToken(), ms));
        }
        // a rollback's history rows (ROLLED_BACK) are not runs: each task still ran forward once
        Map<String, Long> runs = history.stream().filter(r -> r.status() == TaskStatus.SUCCEEDED)
                .collect(Collectors.groupingBy(r -> r.version() + " " + r.task(), LinkedHashMap::new,
                        Collectors.counting()));
        boolean once = runs.values().stream().allMatch(n -> n == 1);
        String expected = (back != null ? chain.from() : chain.to()).dataVersion().toString();
        out.printf("%nData version %s (expected %s); %d tasks, each run %s; %d transfers stored (in the database"
                + " serving at the end), %d without a quote id.%n", dataVersion, expected, history.size(),
                once ? "exactly once" : "MORE THAN ONCE", rows, nullQuotes);
        if (move != null) {
            Requests during = phases.stream().filter(p -> p.name().equals("move to new cluster")).findFirst()
                    .orElseThrow().requests();
            move = move.withRequests(during);
            printMove(move);
        }
        if (back != null) {
            back = back.withRequests(rollingBack);
            out.printf("Rollback %s -> %s: %d of %d requests failed during the rollback steps; release history %s;"
                    + " data version %s.%n", back.from(), back.to(), rollingBack.failed(), rollingBack.sent(),
                    String.join(", ", back.releaseHistory()), back.dataVersion());
        }
        out.printf(Locale.ROOT, "Result: %d of %d requests failed during the rolling steps, %d of %d overall"
                + " (%.1f s).%n", rolling.failed(), rolling.sent(), total.failed(), total.sent(), seconds);

        List<Step> steps = chain.steps().stream().map(DemoReport::step).toList();
        return new DemoSummary(settings.naive() ? "naive" : "rolling", settings.nodes(), settings.rate(),
                chain.from().version().toString(), chain.to().version().toString(), steps, phases, rolling, total,
                tasks, once, dataVersion, expected, rows, nullQuotes, move, back, seconds, List.copyOf(events),
                timeline(samples), work.toString());
    }

    /** A step of a chain as the summary shows it, forward or back. */
    static Step step(ChainStep s) {
        return new Step(s.number(), s.from().version().toString(), s.to().version().toString(),
                s.from().apiVersions(), s.to().apiVersions(), s.dataBefore().toString(), s.dataAfter().toString(),
                s.rollsBack());
    }

    private void printFailures(List<LoadGenerator.Sample> samples) {
        Map<String, Integer> errors = new LinkedHashMap<>();
        samples.stream().filter(s -> !s.ok()).limit(200).forEach(s -> {
            String error = String.valueOf(s.error()).replaceAll("\\s+", " ");
            errors.merge(s.status() + " " + error.substring(0, Math.min(120, error.length())), 1, Integer::sum);
        });
        if (!errors.isEmpty()) {
            out.println("  failures (first 200, by status and message):");
            errors.forEach((k, v) -> out.printf("    %4dx %s%n", v, k));
        }
    }

    private void printMove(Move move) {
        out.printf("Side-by-side move from PostgreSQL %s to PostgreSQL %s: %d rows migrated in %d catch-up runs plus"
                + " the final one, %d verified, %d mismatches; the maintenance window held requests for %d ms (%d of"
                + " them re-sent to the new cluster after it); %d rows written on the old database after the final"
                + " catch-up, %d missing in the new cluster; %d of %d requests of the move failed.%n",
                move.postgresOld(), move.postgresNew(), move.rowsMigrated(), move.catchUpRuns(), move.rowsVerified(),
                move.mismatches(), move.windowHeldMs(), move.heldAndResent(), move.lateRows(),
                move.missingInNewCluster(), move.requests().failed(), move.requests().sent());
        out.println("  tasks on the new cluster (its nodes built the schema on the empty database):");
        move.newClusterTasks().forEach(t -> out.println("    " + t));
    }

    private void row(String name, Requests p) {
        out.printf(Locale.ROOT, "  %-24s %8d %9d %7d %9.1f %9.1f %13s%n", name, p.sent(), p.succeeded(), p.failed(),
                p.p50Ms(), p.p99Ms(), String.format(Locale.ROOT, "%.1f/%.1f", p.upstreamP50Ms(), p.upstreamP99Ms()));
    }

    static Requests stats(List<LoadGenerator.Sample> in) {
        long ok = in.stream().filter(LoadGenerator.Sample::ok).count();
        long[] lat = in.stream().mapToLong(LoadGenerator.Sample::latencyMicros).sorted().toArray();
        long[] upstream = in.stream().mapToLong(LoadGenerator.Sample::upstreamMicros).filter(m -> m >= 0).sorted()
                .toArray();
        return new Requests(in.size(), ok, in.size() - ok, percentile(lat, 0.50), percentile(lat, 0.99),
                in.stream().map(LoadGenerator.Sample::api).collect(Collectors.toCollection(LinkedHashSet::new)),
                percentile(upstream, 0.50), percentile(upstream, 0.99));
    }

    private static double percentile(long[] sortedMicros, double q) {
        if (sortedMicros.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(q * sortedMicros.length) - 1;
        return Math.round(sortedMicros[Math.max(0, i)] / 100.0) / 10.0;
    }

    /** Per 500 ms: requests started, failed, p50 and p99; for the chart. */
    private static List<Bucket> timeline(List<LoadGenerator.Sample> samples) {
        Map<Long, List<LoadGenerator.Sample>> buckets = samples.stream().collect(Collectors.groupingBy(
                s -> s.startMillis() / 500, TreeMap::new, Collectors.toList()));
        List<Bucket> rows = new ArrayList<>();
        buckets.forEach((k, list) -> {
            Requests r = stats(list);
            rows.add(new Bucket(k * 500, r.sent(), r.succeeded(), r.failed(), r.p50Ms(), r.p99Ms(),
                    list.get(0).phase(), r.upstreamP50Ms(), r.upstreamP99Ms()));
        });
        return rows;
    }
}
