package io.upsilon.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * {@code bench/results.md}: a header (date, machine, JVM, PostgreSQL), one summary row per goal as each benchmark
 * stated it, and each benchmark's own markdown in full with its headings moved two levels down.
 */
final class AllReport {

    private final boolean quick;
    private final List<String> args;
    private final String started = ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .replaceAll("\\.\\d+", "");
    private final String loadAtStart = RollingReport.loadAverage();
    private final long t0 = System.nanoTime();
    private String summary = "";

    AllReport(boolean quick, List<String> args) {
        this.quick = quick;
        this.args = args;
    }

    String markdown(List<AllBench.Outcome> outcomes) {
        StringBuilder r = new StringBuilder("# Upsilon benchmarks\n\n");
        r.append("Written by `bench/run").append(args.isEmpty() ? "" : " " + String.join(" ", args))
                .append("` (`java -jar upsilon-bench/target/upsilon-bench.jar all …`), started ").append(started)
                .append(String.format(Locale.ROOT, ", %.1f min in all.%n%n", (System.nanoTime() - t0) / 60e9));
        r.append("- Machine: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch"))
                .append(", ").append(Runtime.getRuntime().availableProcessors()).append(" CPUs, ").append(memory())
                .append("; load average ").append(loadAtStart).append(" at the start, ")
                .append(RollingReport.loadAverage()).append(" at the end\n");
        r.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(" (each benchmark in a fresh child JVM)\n");
        r.append("- PostgreSQL: ").append(postgres()).append(" — embedded (zonky); each benchmark starts its own\n");
        r.append(quick ? "- **Quick run** (`--quick`): each mode with its quick options (below), smaller than the"
                + " goals' sizes and fewer rounds. These figures try the command; they do not decide the goals.\n"
                : "- Full run: each mode with its default sizes and rounds\n");
        r.append('\n');
        summary = summary(outcomes);
        r.append(summary);
        for (AllBench.Outcome o : outcomes) {
            r.append("\n## ").append(o.mode().title()).append(" (`").append(o.mode().name()).append("`)\n\n");
            r.append(String.format(Locale.ROOT, "`java -jar upsilon-bench/target/upsilon-bench.jar %s` — %s, %.0f s."
                    + "%n%n", String.join(" ", o.command()).replaceAll("--out \\S+", "--out …"), o.exit() == 0
                    ? "exit 0" : o.exit() < 0 ? "**timed out**" : "**exit " + o.exit() + "**", o.nanos() / 1e9));
            if (o.markdown() != null) {
                r.append(demote(o.markdown().strip())).append('\n');
            }
            if (!o.ok()) {
                r.append("\nLast lines of its output (").append(o.log()).append("):\n\n```\n").append(tail(o.log()))
                        .append("```\n");
            }
        }
        return r.toString();
    }

    /** The summary table alone, for the console. */
    String summaryOnly() {
        return summary;
    }

    private String summary(List<AllBench.Outcome> outcomes) {
        StringBuilder r = new StringBuilder("## Summary\n\n| benchmark | figure | value | goal | result |\n"
                + "|---|---|---:|---|---|\n");
        int met = 0;
        int total = 0;
        for (AllBench.Outcome o : outcomes) {
            AllMode m = o.mode();
            List<AllGoals.Goal> goals = o.markdown() == null ? List.of() : AllGoals.parse(o.markdown());
            String why = o.exit() < 0 ? "timed out" : "exit " + o.exit();
            if (goals.isEmpty()) {
                for (AllMode.Expected e : m.expectedGoals()) {
                    total++;
                    r.append(row(m.name(), e.figure(), "—", e.goal(), o.markdown() == null
                            ? "**NOT measured** (mode failed: " + why + ")"
                            : "**not stated** in its output (see its section)"));
                }
                continue;
            }
            for (AllGoals.Goal g : goals) {
                total++;
                met += g.met() && o.exit() == 0 ? 1 : 0;
                String goal = g.goal() != null ? g.goal() : m.goalOf(g.figure()) != null ? m.goalOf(g.figure())
                        : "see section";
                r.append(row(m.name(), g.figure(), g.value(), goal, g.met() ? "met" : "**NOT met**"));
            }
            if (o.exit() != 0) {
                r.append(row(m.name(), "the mode itself", "—", "exit 0", "**failed** (" + why
                        + "; its figures may be partial)"));
            }
        }
        r.append(String.format(Locale.ROOT, "%n%d of %d goals met%s.%n", met, total, quick
                ? " (quick run: sizes and rounds below the goals' own)" : ""));
        List<String> failed = outcomes.stream().filter(o -> !o.ok()).map(o -> o.mode().name()).toList();
        if (!failed.isEmpty()) {
            r.append("Modes that failed: ").append(String.join(", ", failed)).append(" (see their sections).\n");
        }
        return r.toString();
    }

    private static String row(String mode, String figure, String value, String goal, String result) {
        return "| " + mode + " | " + figure.replace("|", "/") + " | " + (value.isEmpty() ? "—" : value) + " | "
                + goal + " | " + result + " |\n";
    }

    /** Headings two levels down (outside code blocks), so every section sits under this file's own. */
    static String demote(String markdown) {
        StringBuilder r = new StringBuilder();
        boolean code = false;
        for (String line : markdown.split("\n", -1)) {
            if (line.startsWith("```")) {
                code = !code;
            }
            r.append(!code && line.startsWith("#") ? "##" + line : line).append('\n');
        }
        return r.toString();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - 30), lines.size()).stream()
                    .map(l -> l + "\n").collect(Collectors.joining());
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")\n";
        }
    }

    private static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> String.format(Locale.ROOT, "%.1f GiB memory",
                            Long.parseLong(l.replaceAll("\\D", "")) / 1048576.0)).findFirst().orElse("memory unknown");
        } catch (IOException | RuntimeException e) {
            return "memory unknown";
        }
    }

    /** The version of the embedded server every benchmark uses, from a server of its own started for this. */
    private static String postgres() {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version()")) {
            rs.next();
            return rs.getString(1);
        } catch (IOException | java.sql.SQLException | RuntimeException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }
}
