package io.upsilon.examples.transfers.tasks;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.TaskContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Data version 2.0.0, first task: gives every transfer written through API v1 without a quote id a deterministic one
 * ({@code md5('quote-' || id)} as a UUID), in batches, before {@code quote_id_not_null.sql} makes the column
 * required.
 *
 * <p>Its rollback (data 2.0.0 -> 1.0.1, after {@code quote_id_not_null.undo.sql} made the column optional again)
 * clears exactly the ids it made up: a backfilled id is {@code md5('quote-' || id)}, which no client's quote id
 * equals, so quote ids that v2 clients sent are kept. Also in batches, and idempotent for the same reason.
 *
 * <p>Non-transactional: one transaction over a large table would hold its row locks until the end, and block the
 * service's own updates. A non-transactional task must be idempotent; this one only touches rows that still have no
 * quote id and writes the same value on a rerun, so a run cut short by a dead node is simply run again.
 */
public final class BackfillQuoteIds extends BaseUpgradeTask {

    static final int BATCH = 500;

    @Override
    public void execute(TaskContext context) throws SQLException {
        Connection connection = context.connection();
        long total;
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM transfer WHERE quote_id IS NULL")) {
            rs.next();
            total = rs.getLong(1);
        }
        long done = 0;
        try (PreparedStatement batch = connection.prepareStatement("UPDATE transfer"
                + " SET quote_id = md5('quote-' || id::text)::uuid, updated_at = now()"
                + " WHERE id IN (SELECT id FROM transfer WHERE quote_id IS NULL LIMIT " + BATCH
                + " FOR UPDATE SKIP LOCKED)")) {
            int updated;
            while ((updated = batch.executeUpdate()) > 0) {
                done += updated;
                context.progress().report(done, total, "transfer");
            }
        }
        context.logger().info("filled {} null quote ids", done);
    }

    @Override
    public void rollback(TaskContext context) throws SQLException {
        long done = 0;
        try (PreparedStatement batch = context.connection().prepareStatement("UPDATE transfer"
                + " SET quote_id = NULL, updated_at = now() WHERE id IN (SELECT id FROM transfer"
                + " WHERE quote_id = md5('quote-' || id::text)::uuid LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED)")) {
            int updated;
            while ((updated = batch.executeUpdate()) > 0) {
                done += updated;
                context.progress().report(done, -1, "transfer");
            }
        }
        context.logger().info("cleared {} backfilled quote ids", done);
    }

    @Override
    public boolean isTransactional() {
        return false;
    }

    @Override
    public String description() {
        return "fill null transfer.quote_id in batches of " + BATCH;
    }
}
