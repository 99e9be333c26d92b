package io.upsilon.reliability.secrets;

import io.upsilon.reliability.Tally;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts copies of the canaries by kind of place (logs, table rows, exception messages, process arguments) and turns
 * each place that holds one into a violation naming it, with the canaries masked so the report does not leak them.
 */
public final class Leaks {

    public static final String LOGS = "logs";
    public static final String ROWS = "table rows";
    public static final String EXCEPTIONS = "exception messages";
    public static final String ARGUMENTS = "process arguments";

    private static final int EXCERPT = 300;

    private final Tally tally;
    private final List<Canary> canaries;
    private final Map<String, Integer> totals = new ConcurrentHashMap<>(Map.of(LOGS, 0, ROWS, 0, EXCEPTIONS, 0,
            ARGUMENTS, 0));

    public Leaks(Tally tally, List<Canary> canaries) {
        this.tally = tally;
        this.canaries = canaries;
    }

    /** Searches {@code text} line by line; every line with a canary is a violation of {@code kind} at {@code where}. */
    public void search(String kind, String where, String text) {
        search(kind, where, text == null ? List.of() : text.lines().toList());
    }

    public void search(String kind, String where, List<String> lines) {
        for (String line : lines) {
            count(kind, where, line, canaries.stream().mapToInt(c -> c.count(line)).sum());
        }
    }

    /** Records {@code copies} copies found in {@code line} (masked before it is reported). */
    public void count(String kind, String where, String line, int copies) {
        if (copies == 0) {
            return;
        }
        totals.merge(kind, copies, Integer::sum);
        String masked = mask(line);
        tally.violation("password in " + kind + " (" + where + "): "
                + (masked.length() > EXCERPT ? masked.substring(0, EXCERPT) + "..." : masked));
    }

    public String mask(String text) {
        String masked = text;
        for (Canary c : canaries) {
            masked = c.mask(masked);
        }
        return masked;
    }

    public int total(String kind) {
        return totals.get(kind);
    }
}
