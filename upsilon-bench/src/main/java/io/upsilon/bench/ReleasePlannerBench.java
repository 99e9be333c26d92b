package io.upsilon.bench;

import io.upsilon.Version;
import io.upsilon.release.Release;
import io.upsilon.release.ReleasePlanner;
import io.upsilon.release.ReleaseSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

/**
 * How long planning a chain across many releases takes ({@code release-planner} mode):
 * <pre>
 * java -jar upsilon-bench/target/upsilon-bench.jar release-planner [RELEASES [RUNS]]   (default 200 20)
 * </pre>
 * Prints the median and the slowest of the timed runs (after as many untimed warm-up runs) and the first run in a
 * cold state.
 */
final class ReleasePlannerBench {

    private ReleasePlannerBench() {
    }

    /**
     * {@code n} releases {@code 1.0 .. 1.(n-1)}. The data version moves every third release and each release runs on
     * its own data version and the ones just before and after it, so a safe step spans at most about five releases;
     * API versions change every ten releases with an overlap of five. The chain from first to last is therefore
     * long (about n/5 steps) and each release has several safe next steps to choose from. The same shape as
     * upsilon-core's {@code GeneratedReleases}, which its planner tests use.
     */
    static ReleaseSet generate(int n) {
        int lastData = (n - 1) / 3;
        List<Release> releases = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int data = i / 3;
            TreeSet<Version> runsOn = new TreeSet<>();
            for (int d = Math.max(0, data - 1); d <= Math.min(lastData, data + 1); d++) {
                runsOn.add(Version.parse("10." + d));
            }
            List<String> apis = new ArrayList<>(List.of("v" + i / 10));
            if (i % 10 >= 5) {
                apis.add("v" + (i / 10 + 1));
            }
            releases.add(new Release(Version.parse("1." + i), apis, Version.parse("10." + data), runsOn,
                    "generated:" + (i + 1)));
        }
        return ReleaseSet.of("generated", releases);
    }

    static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        long firstStart = System.nanoTime();
        ReleaseSet set = generate(n);
        Version from = set.releases().get(0).version();
        Version to = set.releases().get(n - 1).version();
        ReleasePlanner planner = new ReleasePlanner(set);
        int steps = planner.plan(from, to).steps().size();
        long first = System.nanoTime() - firstStart;
        for (int i = 0; i < runs; i++) {
            planner.plan(from, to);
        }
        long[] nanos = new long[runs];
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            planner.plan(from, to);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("release chain over %d releases: %d steps; median %.3f ms, slowest %.3f ms over %d runs"
                        + " (after %d warm-up runs); first run (classes not yet loaded or compiled), building the set too: %.1f ms%n",
                n, steps, nanos[runs / 2] / 1e6, nanos[runs - 1] / 1e6, runs, runs, first / 1e6);
    }
}
