package io.upsilon.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The rolling benchmark's markdown: set-up, one row per round, medians with min–max, and the two goal rows in the
 * form {@link AllBench} reads ({@code | **label** | | **value** | goal …: met |}).
 */
final class RollingReport {

    static final double RATIO_GOAL = 1.5;

    private final RollingOptions o;
    private final List<RollingRound> rounds;
    private final List<String> failures;
    private final String loadBefore;
    private final String loadAfter;

    RollingReport(RollingOptions o, List<RollingRound> rounds, List<String> failures, String loadBefore,
                  String loadAfter) {
        this.o = o;
        this.rounds = rounds;
        this.failures = failures;
        this.loadBefore = loadBefore;
        this.loadAfter = loadAfter;
    }

    String markdown() {
        StringBuilder r = new StringBuilder();
        r.append("# Rolling upgrade of three nodes under steady load\n\n");
        r.append("Measured ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                .replaceAll("\\.\\d+", "")).append(" with `java -jar upsilon-bench/target/upsilon-bench.jar rolling")
                .append(o.raw.isEmpty() ? "" : " " + String.join(" ", o.raw)).append("`.\n\n");
        r.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append("; machine: ")
                .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.arch")).append(", ")
                .append(Runtime.getRuntime().availableProcessors()).append(" CPUs, load average ").append(loadBefore)
                .append(" before and ").append(loadAfter).append(" after\n");
        r.append("- Service: the transfers example (`examples/transfers`), 3 node JVMs (`TransferNode`, each its own"
                + " process on this machine) on one embedded PostgreSQL (zonky, fsync off), fresh per round, behind"
                + " the demo's router (`DemoRouter`: readiness-gated round robin, no retries)\n");
        r.append("- Load: open loop, ").append(o.rate).append(" requests/s (4 in 5 `POST /transfers`, 1 in 5 `GET`"
                + " of an earlier one) from the same JVM as the router; latency as the client sees it\n");
        r.append("- Per round: ").append(fmt(o.warmup)).append(" s warm-up (not counted in the windows), **before**: ")
                .append(fmt(o.window)).append(" s of release ").append(o.from).append(", **during**: one rolling"
                + " upgrade ").append(o.from).append(" → ").append(o.to).append(" (each node in turn: start a new one,"
                + " wait until `/health/ready` is 200, route to it, take the old one out, wait for its requests in"
                + " flight, SIGTERM; the first new node runs the data upgrade), **after**: ").append(fmt(o.window))
                .append(" s of release ").append(o.to).append("\n");
        r.append("- Checked each round: every upgrade task ran exactly once, the data version is the target's\n");
        r.append("- ").append(o.rounds).append(" rounds; medians over rounds. Failed requests count the whole round"
                + " (warm-up, windows and roll)\n\n");

        if (!rounds.isEmpty()) {
            r.append("| round | sent | failed | failed in roll | roll | p50 before | p99 before | p50 during |"
                    + " p99 during | p50 after | p99 after | p99 during / before | p99 during / after |"
                    + " node p99 before / during |\n");
            r.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (RollingRound x : rounds) {
                r.append(String.format(Locale.ROOT, "| %d | %,d | %d | %d | %.1f s | %.1f | %.1f | %.1f | %.1f |"
                        + " %.1f | %.1f | %.2f | %.2f | %.1f / %.1f |%n", x.number(), x.sent(), x.failed(),
                        x.rollFailed(), x.rollSeconds(), x.p50Before(), x.p99Before(), x.p50During(), x.p99During(),
                        x.p50After(), x.p99After(), x.ratio(), x.ratioAfter(), x.nodeP99Before(),
                        x.nodeP99During()));
            }
            long within = rounds.stream().filter(x -> x.ratio() <= RATIO_GOAL).count();
            r.append(String.format(Locale.ROOT, "%nRounds with p99 during / before within %.1f×: **%d of %d**"
                    + " (issue 17 asks for 2 of 3). The node p99 is the nodes' share as the router measured it (its"
                    + " request to the node's answer, a new connection's connect included); the rest of a latency is"
                    + " the router's queue and the two loopback hops.%n", RATIO_GOAL, within, rounds.size()));
            r.append("\nLatencies in ms.\n\n| over ").append(rounds.size()).append(" rounds | median | min–max |\n")
                    .append("|---|---:|---:|\n");
            row(r, "requests sent per round", RollingRound::sent, "%,.0f");
            row(r, "roll duration (s)", RollingRound::rollSeconds, "%.1f");
            row(r, "p50 before (ms)", RollingRound::p50Before, "%.1f");
            row(r, "p99 before (ms)", RollingRound::p99Before, "%.1f");
            row(r, "p50 during (ms)", RollingRound::p50During, "%.1f");
            row(r, "p99 during (ms)", RollingRound::p99During, "%.1f");
            row(r, "p50 after (ms)", RollingRound::p50After, "%.1f");
            row(r, "p99 after (ms)", RollingRound::p99After, "%.1f");
            row(r, "p99 during / before, per round", RollingRound::ratio, "%.2f");
            row(r, "p99 during / after, per round", RollingRound::ratioAfter, "%.2f");
        }
        r.append(goals());
        return r.toString();
    }

    private String goals() {
        StringBuilder r = new StringBuilder("\n| goal | | figure | verdict |\n|---|---|---:|---|\n");
        long sent = rounds.stream().mapToLong(RollingRound::sent).sum();
        long failed = rounds.stream().mapToLong(RollingRound::failed).sum();
        long bad = rounds.stream().filter(x -> x.checked() != null).count();
        boolean complete = failures.isEmpty() && !rounds.isEmpty();
        r.append(String.format(Locale.ROOT, "| **failed requests** (all %d rounds, %,d sent) | | **%d** | goal 0: %s |%n",
                rounds.size(), sent, failed, failed == 0 && complete ? "met" : "**NOT met**"));
        double ratio = median(RollingRound::p99During) / median(RollingRound::p99Before);
        // a before window slower than twice the after window is no reference: its ratio would flatter the roll
        boolean steady = !(median(RollingRound::p99Before) > 2 * median(RollingRound::p99After));
        r.append(String.format(Locale.ROOT, "| **p99 during / p99 before** (ratio of medians) | | **%.3f** |"
                + " goal ≤ %.1f: %s |%n", ratio, RATIO_GOAL, ratio <= RATIO_GOAL && complete && steady ? "met"
                : steady ? "**NOT met**" : "**NOT met** (the before window was not steady)"));
        r.append('\n');
        if (!failures.isEmpty()) {
            r.append("**").append(failures.size()).append(" of ").append(o.rounds).append(" rounds did not finish,"
                    + " so neither verdict above is a pass:**\n\n");
            failures.forEach(f -> r.append("- ").append(f).append('\n'));
            r.append('\n');
        }
        if (bad > 0) {
            r.append("**Check failed** in ").append(bad).append(" rounds: ");
            rounds.stream().filter(x -> x.checked() != null).forEach(x -> r.append("round ").append(x.number())
                    .append(": ").append(x.checked()).append("; "));
            r.append("\n\n");
        }
        if (!rounds.isEmpty()) {
            r.append(failed == 0 ? "No request failed. " : "**" + failed + " requests failed** (goal 0). ");
            double before = median(RollingRound::p99Before);
            double after = median(RollingRound::p99After);
            if (!steady) {
                // a cold or overloaded start makes the reference window slow, and the roll look better than it is
                r.append(String.format(Locale.ROOT, "p99 during the roll was %.2f× p99 before it, but **the before"
                        + " window was not steady**: its p99 (%.1f ms) is over twice the p99 after the roll (%.1f ms),"
                        + " so that ratio flatters the roll and is not a pass; against the after"
                        + " window it is %.2f×. Rerun with a longer `--warmup` or on a quieter machine.", ratio, before,
                        after, median(RollingRound::p99During) / after));
            } else if (ratio <= RATIO_GOAL) {
                r.append(String.format(Locale.ROOT, "p99 during the roll was %.2f× p99 before it, within %.1f×.",
                        ratio, RATIO_GOAL));
            } else {
                // worded without "goal … met", so the all mode's summary does not take it for a second verdict
                r.append(String.format(Locale.ROOT, "p99 during the roll was %.2f× p99 before it, above %.1f×."
                        + " During the roll a fourth node JVM starts and warms up on the same CPUs that serve the"
                        + " load, so on a small or busy machine the roll competes with the service for CPU.", ratio,
                        RATIO_GOAL));
            }
            r.append('\n');
        }
        return r.toString();
    }

    private void row(StringBuilder r, String name, ToDoubleFunction<RollingRound> f, String format) {
        double min = rounds.stream().mapToDouble(f).min().orElse(Double.NaN);
        double max = rounds.stream().mapToDouble(f).max().orElse(Double.NaN);
        r.append("| ").append(name).append(" | ").append(String.format(Locale.ROOT, format, median(f)))
                .append(" | ").append(String.format(Locale.ROOT, format, min)).append("–")
                .append(String.format(Locale.ROOT, format, max)).append(" |\n");
    }

    private double median(ToDoubleFunction<RollingRound> f) {
        double[] v = rounds.stream().mapToDouble(f).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String fmt(double seconds) {
        return seconds == Math.rint(seconds) ? Long.toString((long) seconds) : Double.toString(seconds);
    }

    /** The machine's load averages from {@code /proc/loadavg}, to judge the noise; "unknown" elsewhere. */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
