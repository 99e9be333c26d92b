package io.upsilon.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.flywaydb.core.internal.license.VersionPrinter;

/** The {@code ready} benchmark's markdown section, from the per-round samples (nanoseconds). */
record ReadyReport(ReadyOptions options, Map<String, List<Long>> last, Map<String, List<Long>> runner,
                   Map<String, List<Long>> waiters, Map<String, List<Long>> runnerTimeline, List<String> problems) {

    String markdown() {
        StringBuilder r = new StringBuilder("## Eight nodes start at once: task end to last node READY\n\n");
        r.append("Measured ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .replaceAll("\\.\\d+", "")).append(" with `java -jar upsilon-bench/target/upsilon-bench.jar ready")
                .append(options.raw.isEmpty() ? "" : " " + String.join(" ", options.raw)).append("`; ")
                .append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version"))
                .append(", Flyway ").append(VersionPrinter.getVersion()).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs.\n\n");
        r.append("- Each round, per side: a fresh database on one embedded PostgreSQL, the data at 1.0 (one table),"
                + " then ").append(options.nodes).append(" node JVMs of software 1.1 whose one pending task sleeps ")
                .append(options.taskMillis).append(" ms and inserts a row into `ready_runs`. The JVMs are built"
                + " first (no database access) and released together through stdin; ").append(options.rounds)
                .append(" rounds, the sides alternating which goes first.\n");
        r.append("- Upsilon: `UpsilonNode` on `PostgresBackend` (advisory lock, node registry, LISTEN/NOTIFY"
                + " change feed, default intervals: poll fallback 2 s). READY is the node's state change.\n");
        r.append("- Flyway: `Flyway.configure().dataSource(ds).locations(…).javaMigrations(V1_1__SlowTask).load()"
                + ".migrate()`, defaults; READY is when `migrate()` returns. A waiting Flyway node polls"
                + " `pg_try_advisory_xact_lock` once a second (`RetryStrategy`, fixed 1,000 ms sleep, up to"
                + " `lockRetryCount` = 50 tries), so it sees the finished task up to 1 s late, and the waiters then"
                + " take the lock one at a time to validate.\n");
        r.append("- Times are `System.currentTimeMillis()` in each node process (one machine, one clock); task end"
                + " is taken inside the task after its insert, before the commit, so the figures include the"
                + " commit.\n\n");
        r.append("| side | last node READY after task end, median (min–max) | task runner READY | other nodes READY"
                + " (all rounds) | rounds counted |\n|---|---:|---:|---:|---:|\n");
        row(r, "Upsilon", "ours");
        row(r, "Flyway", "flyway");
        double ratio = Stats.median(last.get("ours")) / Stats.median(last.get("flyway"));
        double ours = Stats.median(last.get("ours")) / 1e6;
        r.append(String.format(Locale.ROOT, "%nUpsilon/Flyway (last node READY after task end, medians): **%.3f**.%n",
                ratio));
        r.append(String.format(Locale.ROOT, "%nGoal (DESIGN.md): every node READY within 100 ms of the task's end:"
                + " %s (Upsilon, median of the last node %.0f ms).%n",
                Double.isNaN(ours) ? "**NOT met** (no data)" : ours <= 100 ? "**met**" : "**NOT met**", ours));
        long notOnce = problems.stream().filter(p -> p.contains(", ours: ") && p.contains("must be exactly once"))
                .count();
        r.append(String.format(Locale.ROOT, "%nGoal (DESIGN.md): the task runs exactly once: %s (Upsilon, %d"
                + " rounds, %d with another count).%n", notOnce == 0 ? "**met**" : "**NOT met**", options.rounds,
                notOnce));
        if (!runnerTimeline.isEmpty()) {
            r.append("\nUpsilon's task runner after the task's end (its upgrade events; median, min–max over rounds):"
                    + " ");
            List<String> parts = new ArrayList<>();
            runnerTimeline.entrySet().stream().sorted(Comparator.comparingDouble(e -> Stats.median(e.getValue())))
                    .forEach(e -> parts.add("`" + e.getKey() + "` " + Stats.summary(e.getValue())));
            parts.add("READY " + Stats.summary(runner.get("ours")));
            r.append(String.join(", ", parts)).append(".\n");
        }
        r.append("\nExactly once: ");
        if (problems.isEmpty()) {
            r.append("the task ran exactly once in every round on both sides (one `ready_runs` row, one `TASK_END`"
                    + " line; Flyway: one node executed 1 migration); every node became READY.\n");
        } else {
            r.append("problems found:\n\n");
            problems.forEach(p -> r.append("- ").append(p).append('\n'));
        }
        return r.toString();
    }

    private void row(StringBuilder r, String name, String side) {
        r.append("| ").append(name).append(" | ").append(Stats.summary(last.get(side))).append(" | ")
                .append(Stats.summary(runner.get(side))).append(" | ").append(Stats.summary(waiters.get(side)))
                .append(" | ").append(last.get(side).size()).append(" |\n");
    }
}
