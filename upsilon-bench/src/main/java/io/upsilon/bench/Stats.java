package io.upsilon.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Medians and ranges of nanosecond samples, formatted in milliseconds. */
final class Stats {

    private Stats() {
    }

    static double median(List<Long> samples) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        List<Long> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    static String ms(double nanos) {
        if (Double.isNaN(nanos)) {
            return "—";
        }
        double ms = nanos / 1e6;
        return String.format(Locale.ROOT, ms < 10 ? "%.2f ms" : "%.1f ms", ms);
    }

    /** {@code median (min–max)} in ms. */
    static String summary(List<Long> samples) {
        if (samples.isEmpty()) {
            return "—";
        }
        return ms(median(samples)) + " (" + bare(Collections.min(samples)) + "–" + bare(Collections.max(samples)) + ")";
    }

    private static String bare(double nanos) {
        double ms = nanos / 1e6;
        return String.format(Locale.ROOT, ms < 10 ? "%.2f" : "%.1f", ms);
    }

    static String ratio(List<Long> ours, List<Long> theirs) {
        return String.format(Locale.ROOT, "%.3f", median(ours) / median(theirs));
    }
}
