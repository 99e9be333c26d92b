package io.upsilon.reliability.move;

import io.upsilon.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The target compared with the source row by row, independently of the migrator's own verification: the expected
 * target row of each source row is computed here (in SQL, from the spec's transforms written out by hand), and every
 * key is classed as lost (the source has it, the target not: a deleted-then-missed insert or a skipped page),
 * duplicated (the target has it more than once, or has it although the source deleted it: a delete that did not
 * reach the target), or mismatched (both have it, the values differ: an update missed or a value mangled).
 *
 * @param table      the table compared
 * @param sourceRows rows in the source
 * @param targetRows rows in the target
 * @param lost       keys only the source has
 * @param duplicated keys the target has more than once or that the source no longer has
 * @param mismatched keys whose values differ
 * @param examples   a few of the offending keys with their class, for the failure message
 */
public record RowComparison(String table, long sourceRows, long targetRows, long lost, long duplicated,
                            long mismatched, List<String> examples) {

    /** Update times in one zone and layout to the microsecond, whatever the session's time zone. */
    private static final String UTC = "to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')";

    /** {@code orders}: amount renamed, a null currency defaulted to EUR, legacy dropped, A/C mapped. */
    public static RowComparison orders(TestDatabase source, TestDatabase target) {
        return compare("orders", source, "SELECT id::text, amount::text, coalesce(currency, 'EUR'), note,"
                + " CASE state WHEN 'A' THEN 'ACTIVE' WHEN 'C' THEN 'CLOSED' ELSE state END, " + UTC
                + " FROM orders", target, "SELECT id::text, amount_minor::text, currency, note, state, " + UTC
                + " FROM orders");
    }

    /** {@code customers}: an identity copy. */
    public static RowComparison customers(TestDatabase source, TestDatabase target) {
        String query = "SELECT id::text, name, balance::text, active::text, " + UTC + " FROM customers";
        return compare("customers", source, query, target, query);
    }

    /** Whether nothing was lost, duplicated or mismatched. */
    public boolean clean() {
        return lost == 0 && duplicated == 0 && mismatched == 0;
    }

    private static RowComparison compare(String table, TestDatabase source, String expectedQuery,
                                         TestDatabase target, String actualQuery) {
        Map<String, List<String>> expected = new HashMap<>();
        read(source, expectedQuery, (key, row) -> expected.put(key, row));
        Map<String, Integer> seen = new HashMap<>();
        List<String> examples = new ArrayList<>();
        long[] counts = new long[4]; // target rows, duplicated, mismatched, found
        read(target, actualQuery, (key, row) -> {
            counts[0]++;
            List<String> want = expected.get(key);
            if (seen.merge(key, 1, Integer::sum) > 1 || want == null) {
                counts[1]++;
                example(examples, "duplicated " + key);
            } else {
                counts[3]++;
                if (!want.equals(row)) {
                    counts[2]++;
                    example(examples, "mismatched " + key + ": expected " + want + ", target has " + row);
                }
            }
        });
        long lost = expected.keySet().stream().filter(k -> !seen.containsKey(k)).peek(k -> example(examples,
                "lost " + k)).count();
        return new RowComparison(table, expected.size(), counts[0], lost, counts[1], counts[2],
                List.copyOf(examples));
    }

    private static void example(List<String> examples, String text) {
        if (examples.size() < 5) {
            examples.add(text);
        }
    }

    private interface RowSink {
        void row(String key, List<String> values);
    }

    private static void read(TestDatabase db, String query, RowSink sink) {
        try (Connection c = db.dataSource("reliability-compare").getConnection()) {
            c.setAutoCommit(false); // a cursor, so a big table is not held in memory twice
            try (Statement s = c.createStatement()) {
                s.setFetchSize(5_000);
                try (ResultSet rs = s.executeQuery(query)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        String[] values = new String[columns - 1];
                        for (int i = 2; i <= columns; i++) {
                            values[i - 2] = rs.getString(i);
                        }
                        sink.row(rs.getString(1), Arrays.asList(values));
                    }
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + query + ": " + e.getMessage(), e);
        }
    }
}
