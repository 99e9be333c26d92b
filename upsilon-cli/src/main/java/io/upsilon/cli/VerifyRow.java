package io.upsilon.cli;

import io.upsilon.migrate.VerifyReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One target table's verification as the {@code migrate} commands print it.
 *
 * @param expected   rows the transformed source gives
 * @param actual     rows the target table holds
 * @param mismatches keys that differ in all: missing, extra or different
 * @param missing    keys the target lacks (at most {@code --max-keys})
 * @param extra      keys only the target has (at most {@code --max-keys})
 * @param different  keys whose rows differ (at most {@code --max-keys})
 */
record VerifyRow(String entity, String table, long expected, long actual, long mismatches,
                 List<List<String>> missing, List<List<String>> extra, List<List<String>> different) {

    static List<VerifyRow> of(VerifyReport report) {
        return report.tables().stream().map(t -> new VerifyRow(t.entity(), t.table(), t.expected(), t.actual(),
                t.mismatches(), t.missing(), t.extra(), t.different())).toList();
    }

    /** The counts per table, then a line per table with mismatching keys. */
    static void print(PrintWriter out, List<VerifyRow> rows, String indent) {
        Table table = new Table("ENTITY", "TABLE", "EXPECTED", "ACTUAL", "MISMATCHES");
        rows.forEach(r -> table.row(r.entity(), r.table(), r.expected(), r.actual(), r.mismatches()));
        table.print(out, indent);
        for (VerifyRow r : rows) {
            if (r.mismatches() > 0) {
                out.println(indent + r.table() + ": " + r.describeKeys());
            }
        }
    }

    /** "missing 778; different 777, 779 (and 3 more)". */
    String describeKeys() {
        List<String> parts = new ArrayList<>();
        add(parts, "missing", missing);
        add(parts, "extra", extra);
        add(parts, "different", different);
        long listed = missing.size() + extra.size() + different.size();
        String text = parts.isEmpty() ? "keys not listed (--max-keys 0)" : String.join("; ", parts);
        return text + (mismatches > listed ? " (and " + (mismatches - listed) + " more)" : "");
    }

    private static void add(List<String> parts, String kind, List<List<String>> keys) {
        if (!keys.isEmpty()) {
            parts.add(kind + " " + keys.stream().map(VerifyRow::key).collect(Collectors.joining(", ")));
        }
    }

    /** A key as text: its value, or "(a, b)" for a key of several fields; NULL for a null field. */
    static String key(List<String> values) {
        List<String> text = values.stream().map(v -> v == null ? "NULL" : v).toList();
        return text.size() == 1 ? text.get(0) : "(" + String.join(", ", text) + ")";
    }

    /** Tables with a mismatch, for one-line messages: "transfers (2 keys), transfer_fees (1 key)". */
    static String mismatched(List<VerifyRow> rows) {
        return rows.stream().filter(r -> r.mismatches() > 0)
                .map(r -> r.table() + " (" + Text.plural(r.mismatches(), "key", "keys")
                        + ")").collect(Collectors.joining(", "));
    }
}
