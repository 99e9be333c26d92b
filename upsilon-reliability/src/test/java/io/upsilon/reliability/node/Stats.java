package io.upsilon.reliability.node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median and maximum of measured times, for the figures of a tally. */
public final class Stats {

    private Stats() {
    }

    /** {@code median X ms, max Y ms (n=N)}, or {@code none} when nothing was measured. */
    public static String summary(List<Long> millis) {
        if (millis.isEmpty()) {
            return "none";
        }
        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        int n = sorted.size();
        long median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        return "median " + median + " ms, max " + sorted.get(n - 1) + " ms (n=" + n + ")";
    }
}
