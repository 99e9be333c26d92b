package io.upsilon.migrate;

import java.util.List;

/**
 * The outcome of comparing the transformed source with the target.
 *
 * @param tables one line per target table
 */
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
    }

    public VerifyReport {
        tables = List.copyOf(tables);
    }

    public boolean matches() {
        return tables.stream().allMatch(t -> t.mismatches() == 0);
    }
}
