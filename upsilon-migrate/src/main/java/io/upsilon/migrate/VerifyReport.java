package io.upsilon.migrate;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.upsilon.ErrorCode;
import io.upsilon.migrate.MigrationNames.Term;
import io.upsilon.report.ErrorRow;
import io.upsilon.report.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The outcome of comparing the transformed source with the target. It serializes to JSON (Jackson) as
 * {@code matches} ({@link #matches()}) and {@code tables}, each table with {@code entity}, {@code table},
 * {@code expected}, {@code actual}, {@code missing}, {@code extra}, {@code different} and {@code mismatches}.
 *
 * @param tables one line per target table
 */
@JsonPropertyOrder({"matches", "tables"})
public record VerifyReport(List<Table> tables) {

    /**
     * @param entity     the entity that writes the table
     * @param table      the target table
     * @param expected   rows the transformed source gives
     * @param actual     rows in the target
     * @param missing    keys the target lacks (at most the requested number)
     * @param extra      keys only the target has
     * @param different  keys whose rows differ
     * @param mismatches how many keys differ in all (missing, extra or different)
     */
    public record Table(String entity, String table, long expected, long actual, List<List<String>> missing,
                        List<List<String>> extra, List<List<String>> different, long mismatches) {

        /**
         * The listed keys by kind, for a log line: {@code "missing 778; different 777, 779 (and 3 more)"}; the
         * count of keys not listed is added, and {@code "keys not listed"} when none is (a limit of 0 keys).
         */
        public String describeKeys() {
            return describeKeys(MigrationNames.DEFAULT);
        }

        /** {@link #describeKeys()}, the limit of 0 keys named through {@code names}: {@code "keys not listed
         * (--max-keys 0)"}. */
        public String describeKeys(MigrationNames names) {
            List<String> parts = new ArrayList<>();
            add(parts, "missing", missing);
            add(parts, "extra", extra);
            add(parts, "different", different);
            long listed = missing.size() + extra.size() + different.size();
            String text = parts.isEmpty() ? "keys not listed (" + names.of(Term.MAX_KEYS) + " 0)"
                    : String.join("; ", parts);
            return text + (mismatches > listed ? " (and " + (mismatches - listed) + " more)" : "");
        }

        private static void add(List<String> parts, String kind, List<List<String>> keys) {
            if (!keys.isEmpty()) {
                parts.add(kind + " " + keys.stream().map(VerifyReport::key).collect(Collectors.joining(", ")));
            }
        }
    }

    public VerifyReport {
        tables = List.copyOf(tables);
    }

    /** Whether every table matches. */
    @JsonProperty("matches")
    public boolean matches() {
        return tables.stream().allMatch(t -> t.mismatches() == 0);
    }

    /** The mismatching keys of all tables together. */
    public long mismatches() {
        return tables.stream().mapToLong(Table::mismatches).sum();
    }

    /** The tables with a mismatch, for one-line messages: {@code "transfers (2 keys), transfer_fees (1 key)"}. */
    public String mismatched() {
        return tables.stream().filter(t -> t.mismatches() > 0)
                .map(t -> t.table() + " (" + t.mismatches() + (t.mismatches() == 1 ? " key)" : " keys)"))
                .collect(Collectors.joining(", "));
    }

    /** The outcome in a sentence: {@code "All 2 tables match."}, {@code "3 mismatching keys in 1 table of 2."} */
    public String summary() {
        long mismatched = tables.stream().filter(t -> t.mismatches() > 0).count();
        return matches() ? "All " + Narration.plural(tables.size(), "table", "tables") + " match."
                : Narration.plural(mismatches(), "mismatching key", "mismatching keys") + " in "
                + Narration.plural(mismatched, "table", "tables") + " of " + tables.size() + ".";
    }

    /**
     * The counts per table as a table (ENTITY, TABLE, EXPECTED, ACTUAL, MISMATCHES), then a line per table with
     * mismatching keys ({@link Table#describeKeys(MigrationNames)}), each line starting with {@code indent} and
     * ending with a line break.
     */
    public String describe(String indent, MigrationNames names) {
        TextTable table = new TextTable("ENTITY", "TABLE", "EXPECTED", "ACTUAL", "MISMATCHES");
        tables.forEach(t -> table.row(t.entity(), t.table(), t.expected(), t.actual(), t.mismatches()));
        StringBuilder text = new StringBuilder(table.text(indent));
        tables.stream().filter(t -> t.mismatches() > 0)
                .forEach(t -> text.append(indent).append(t.table()).append(": ").append(t.describeKeys(names))
                        .append('\n'));
        return text.toString();
    }

    /**
     * A verification as a record for JSON, as the {@code upsilon migrate verify} prints it.
     *
     * @param spec    where the spec came from (a file name), or null
     * @param source  the source's address ({@link Migration#sourceName()})
     * @param target  the target's address ({@link Migration#targetName()})
     * @param matches whether every table matches
     * @param tables  one line per target table
     * @param error   {@code VERIFY_MISMATCH} with the {@link #failure} as its message; null when it matches
     */
    public record View(String spec, String source, String target, boolean matches, List<Table> tables,
                       ErrorRow error) {
    }

    /** This verification as a record for JSON ({@link View}), its failure's commands named through {@code names}. */
    public View view(String spec, String source, String target, MigrationNames names) {
        return new View(spec, source, target, matches(), tables, failure(names).map(message -> ErrorRow.of(
                ErrorCode.VERIFY_MISMATCH, message)).orElse(null));
    }

    /**
     * Why the target does not match, in one line with the remedy (copy the rows again from before the oldest
     * affected row, propagating deletes when the target has extra keys), commands named through {@code names}; empty
     * when it matches.
     */
    public Optional<String> failure(MigrationNames names) {
        if (matches()) {
            return Optional.empty();
        }
        boolean extra = tables.stream().anyMatch(t -> !t.extra().isEmpty());
        return Optional.of("the target does not match the source: " + Narration.plural(mismatches(),
                "mismatching key", "mismatching keys") + " in " + mismatched() + "; copy the rows again with "
                + names.of(Term.RUN_SINCE) + " (from before the oldest affected row" + (extra ? "; with "
                + names.of(Term.PROPAGATE_DELETES) + " for the extra keys" : "") + "), then verify again");
    }

    /** A key as text: its value, or {@code "(a, b)"} for a key of several fields; {@code NULL} for a null field. */
    public static String key(List<String> values) {
        List<String> text = values.stream().map(v -> v == null ? "NULL" : v).toList();
        return text.size() == 1 ? text.get(0) : "(" + String.join(", ", text) + ")";
    }
}
