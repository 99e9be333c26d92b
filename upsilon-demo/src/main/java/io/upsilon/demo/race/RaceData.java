package io.upsilon.demo.race;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** A look at the race's own table after the upgrade, so the race shows the data moved, not only the bookkeeping. */
final class RaceData {

    /**
     * Row counts of {@code transfer}.
     *
     * @param withQuoteId null below data version 1.0.1, which adds the column
     */
    record Transfers(long rows, Long withQuoteId) {

        String describe() {
            if (withQuoteId == null) {
                return rows + " transfers, no quote_id column yet";
            }
            return rows + " transfers, " + (withQuoteId == rows ? "every one" : withQuoteId + " of them")
                    + " with a quote_id";
        }
    }

    private RaceData() {
    }

    static Transfers transfers(DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT count(*), count(quote_id) FROM transfer")) {
                rs.next();
                return new Transfers(rs.getLong(1), rs.getLong(2));
            } catch (SQLException noQuoteId) {
                // below 1.0.1 the column does not exist yet
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM transfer")) {
                    rs.next();
                    return new Transfers(rs.getLong(1), null);
                }
            }
        }
    }
}
