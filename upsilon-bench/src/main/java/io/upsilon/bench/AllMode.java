package io.upsilon.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One benchmark that {@link AllBench} runs: its mode argument, a title for the summary, the goals it is expected to
 * report (listed even when the mode fails), and its options for a full and a quick run ({@code --out} is added).
 */
record AllMode(String name, String title, List<Expected> expectedGoals, List<String> fullArgs,
               List<String> quickArgs) {

    /** A goal of DESIGN.md / issue 8 this mode measures: the figure and its goal. */
    record Expected(String figure, String goal) {
    }

    /** The benchmarks of issues 8, 12 and 17, in the order they run. */
    static List<AllMode> all() {
        return List.of(
                new AllMode("run", "No-op start-up check (Upsilon vs Flyway vs Liquibase)",
                        List.of(new Expected("1,000 applied tasks: Upsilon / Flyway, cold and warm", "≤ 0.2"),
                                new Expected("applying 1,000 pending tasks, fresh JVM: Upsilon / Flyway", "≤ 0.5")),
                        List.of(), List.of("--sizes", "1000", "--cold-rounds", "3", "--warm-rounds", "1", "--warmup",
                                "5", "--calls", "10")),
                new AllMode("ready", "Eight nodes READY after one pending task",
                        List.of(new Expected("one pending 2 s task: its end → last node READY", "≤ 100 ms"),
                                new Expected("the task runs exactly once", "exactly once")),
                        List.of(), List.of("--rounds", "2")),
                new AllMode("fleet", "A hundred nodes READY after one pending task, direct and through PgBouncer",
                        List.of(new Expected("100 nodes directly: task end → last node READY", "≤ 200 ms"),
                                new Expected("100 nodes through PgBouncer: task end → last node READY",
                                        "≤ poll interval + 100 ms")),
                        List.of(), List.of("--rounds", "2")),
                new AllMode("copy", "Side-by-side copy vs raw COPY",
                        List.of(new Expected("ours / raw COPY, rows/s", "≥ 0.8"),
                                new Expected("incremental (1% changed) / full copy, time", "≤ 0.05")),
                        List.of(), List.of("--rows", "100000", "--rounds", "2", "--warmup-rows", "10000",
                                "--explain-rounds", "1")),
                new AllMode("capture", "Snapshot copy and log capture at production size",
                        List.of(new Expected("ours (jobs 2) / raw COPY, rows/s, no update-time index", "≥ 0.8"),
                                new Expected("jobs 2 faster than jobs 1", "< 1"),
                                new Expected("catch-up of 1% in a session / full copy", "≤ 0.05"),
                                new Expected("window / full copy", "≤ 0.1"),
                                new Expected("window growth from the small to the big table", "< 0.2")),
                        List.of(), List.of("--sizes", "100000,400000", "--changes", "1000")),
                new AllMode("rolling", "Rolling upgrade of three nodes under steady load",
                        List.of(new Expected("failed requests", "0"),
                                new Expected("p99 during / p99 before", "≤ 1.5")),
                        List.of(), List.of("--quick")));
    }

    /**
     * The goal of the expected figure a stated figure is about, for verdicts that do not quote their goal: the only
     * one, or the one sharing the most words with it; null when none shares a word.
     */
    String goalOf(String figure) {
        if (expectedGoals.size() == 1) {
            return expectedGoals.get(0).goal();
        }
        java.util.Set<String> words = words(figure);
        Expected best = null;
        long most = 0;
        for (Expected e : expectedGoals) {
            long shared = words(e.figure()).stream().filter(words::contains).count();
            if (shared > most) {
                most = shared;
                best = e;
            }
        }
        return best == null ? null : best.goal();
    }

    private static java.util.Set<String> words(String s) {
        java.util.Set<String> w = new java.util.HashSet<>();
        for (String word : s.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (word.length() > 3) {
                w.add(word);
            }
        }
        return w;
    }

    /** The child's arguments after the mode: full or quick options, then {@code --out}. */
    List<String> args(boolean quick, String out) {
        List<String> a = new ArrayList<>(quick ? quickArgs : fullArgs);
        a.add("--out");
        a.add(out);
        return a;
    }
}
