package io.upsilon.cli;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;

/** A look at the demo's own table after the upgrade, so the demo shows the data moved, not only the bookkeeping. */
final class DemoData {

    private DemoData() {
    }

    /** Row counts of {@code transfers}, or null when the table is not there (e.g. another manifest was given). */
    static Map<String, Long> transfers(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(quote_id) FROM transfers")) {
                rs.next();
                return Map.of("rows", rs.getLong(1), "withQuoteId", rs.getLong(2));
            } catch (SQLException noQuoteId) {
                // below 1.0.1 the column does not exist yet
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM transfers")) {
                    rs.next();
                    return Map.of("rows", rs.getLong(1));
                }
            }
        } catch (SQLException e) {
            return null;
        }
    }

    static String describe(Map<String, Long> transfers) {
        if (transfers == null) {
            return "";
        }
        long rows = transfers.get("rows");
        Long withQuoteId = transfers.get("withQuoteId");
        if (withQuoteId == null) {
            return "; " + rows + " transfers, no quote_id column yet";
        }
        return "; " + rows + " transfers, " + (withQuoteId == rows ? "every one" : withQuoteId + " of them")
                + " with a quote_id";
    }
}
