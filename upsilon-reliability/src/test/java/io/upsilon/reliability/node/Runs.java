package io.upsilon.reliability.node;

import io.upsilon.TaskContext;
import java.sql.PreparedStatement;
import java.sql.Statement;

/**
 * The {@code runs} table in which scenario tasks record every execution that reached the database: task, phase,
 * node and fencing token. Rows written inside a transactional task commit with it or not at all, so the table shows
 * exactly the executions the engine accepted.
 */
final class Runs {

    private Runs() {
    }

    static void create(TaskContext context) throws Exception {
        try (Statement s = context.connection().createStatement()) {
            s.execute("CREATE TABLE runs (task text NOT NULL, phase text NOT NULL, node text NOT NULL,"
                    + " token bigint NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp())");
        }
    }

    static void record(TaskContext context, String task, String phase) throws Exception {
        try (PreparedStatement ps = context.connection().prepareStatement(
                "INSERT INTO runs (task, phase, node, token) VALUES (?, ?, ?, ?)")) {
            ps.setString(1, task);
            ps.setString(2, phase);
            ps.setString(3, context.nodeId());
            ps.setLong(4, context.fencingToken());
            ps.executeUpdate();
        }
    }
}
