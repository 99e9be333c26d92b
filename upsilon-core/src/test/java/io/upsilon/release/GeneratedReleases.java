package io.upsilon.release;

import io.upsilon.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A long release set for planner tests; {@code upsilon-bench}'s {@code release-planner} mode times the planner on
 * the same shape of set.
 */
final class GeneratedReleases {

    private GeneratedReleases() {
    }

    /**
     * {@code n} releases {@code 1.0 .. 1.(n-1)}. The data version moves every third release and each release runs on
     * its own data version and the ones just before and after it, so a safe step spans at most about five releases;
     * API versions change every ten releases with an overlap of five. The chain from first to last is therefore
     * long (about n/5 steps) and each release has several safe next steps to choose from.
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

}
