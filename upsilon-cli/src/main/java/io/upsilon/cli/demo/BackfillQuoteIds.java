package io.upsilon.cli.demo;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.TaskContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Demo version 1.0.2: gives every transfer a quote id, in batches.
 *
 * <p>It runs outside a transaction, because one transaction over a whole large table would hold its row locks
 * (and bloat) until the end. That makes it a non-transactional task, which must be idempotent: it only touches
 * rows that still have no quote id, so a run cut short by a dead node is simply run again by the next one.
 */
public final class BackfillQuoteIds extends BaseUpgradeTask {

    private static final int BATCH = 1000;

    @Override
    public void execute(TaskContext context) throws SQLException {
        Connection connection = context.connection();
        long total;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM transfers WHERE quote_id IS NULL")) {
            rs.next();
            total = rs.getLong(1);
        }
        long done = 0;
        // a deterministic id (md5 of the row id) so that a rerun after a crash writes the same values
        try (PreparedStatement batch = connection.prepareStatement("UPDATE transfers"
                + " SET quote_id = md5('quote-' || id)::uuid WHERE id IN (SELECT id FROM transfers"
                + " WHERE quote_id IS NULL ORDER BY id LIMIT " + BATCH + ")")) {
            int updated;
            while ((updated = batch.executeUpdate()) > 0) {
                done += updated;
                context.progress().report(done, total, "transfers");
            }
        }
        if (done == 0) {
            context.progress().report(0, 0, "transfers");
        }
    }

    @Override
    public void rollback(TaskContext context) throws SQLException {
        try (Statement s = context.connection().createStatement()) {
            // only the ids the backfill made up (md5 of the row id): a quote id a client sent is kept
            s.executeUpdate("UPDATE transfers SET quote_id = NULL WHERE quote_id = md5('quote-' || id)::uuid");
        }
    }

    @Override
    public boolean isTransactional() {
        return false;
    }

    @Override
    public String description() {
        return "backfill transfers.quote_id in batches of " + BATCH;
    }
}
