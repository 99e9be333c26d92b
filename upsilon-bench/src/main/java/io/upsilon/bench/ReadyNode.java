package io.upsilon.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * What the {@code ready} benchmark's node processes of both sides share: the start gate, the line protocol on stdout
 * and the body of the one pending task.
 *
 * <p>Protocol: a node builds its objects (no database access), prints {@code LOADED} and waits for {@code go} on
 * stdin, so that the eight JVMs' start-up, which says nothing about readiness, is over before the race begins. It
 * then prints {@code START ms}, {@code TASK_END ms} if it ran the task, {@code READY ms} when it would take traffic,
 * and stays up until stdin closes. Times are {@link System#currentTimeMillis()}, one clock for every process on the
 * machine.
 */
final class ReadyNode {

    /** The table the baseline version creates and the pending task writes one row into. */
    static final String RUNS_TABLE_SQL = "CREATE TABLE ready_runs (id serial PRIMARY KEY, node text NOT NULL,"
            + " ended_at timestamptz NOT NULL DEFAULT clock_timestamp())";

    private static final BufferedReader STDIN = new BufferedReader(new InputStreamReader(System.in,
            StandardCharsets.UTF_8));

    private ReadyNode() {
    }

    /** Prints one protocol line; several threads of a node may print. */
    static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Signals that the node is built and blocks until the harness says go. */
    static void awaitGo() throws IOException {
        say("LOADED");
        String line = STDIN.readLine();
        if (!"go".equals(line)) {
            throw new IllegalStateException("expected 'go' on stdin, got " + line);
        }
        say("START " + System.currentTimeMillis());
    }

    /** Blocks until the harness closes stdin: the node keeps serving (and listening) until the round is over. */
    static void awaitEnd() throws IOException {
        while (STDIN.readLine() != null) {
            // nothing else is sent
        }
    }

    /**
     * The pending task's work, the same on both sides: sleeps {@code millis}, then records its run in
     * {@code ready_runs} on the task's own connection (so the row commits with the task, or not at all), then
     * prints {@code TASK_END} with the time the task's own work ended.
     */
    static void runTask(Connection connection, String node, long millis) throws SQLException, InterruptedException {
        Thread.sleep(millis);
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO ready_runs (node) VALUES (?)")) {
            s.setString(1, node);
            s.executeUpdate();
        }
        say("TASK_END " + System.currentTimeMillis());
    }
}
