package io.upsilon.cli;

import io.upsilon.spi.NodeRecord;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One node of the node table as {@code nodes}, {@code fence} and {@code maintenance} print it.
 *
 * @param heartbeatAgeMillis how long ago its last heartbeat was, on database time
 * @param fenced             whether an operator fenced it ({@code upsilon fence})
 * @param gone               whether its heartbeat is older than its TTL
 */
record NodeRow(String nodeId, String host, String softwareVersion, String state, int inFlight, String startedAt,
               String heartbeatAt, long heartbeatAgeMillis, long ttlMillis, boolean fenced, boolean gone) {

    static NodeRow of(NodeRecord node, Instant now) {
        return new NodeRow(node.nodeId(), node.host(), node.softwareVersion().toString(), node.state().name(),
                node.inFlight(), node.startedAt().toString(), node.heartbeatAt().toString(),
                Math.max(0, Duration.between(node.heartbeatAt(), now).toMillis()), node.ttl().toMillis(),
                node.fenced(), node.gone());
    }

    static List<NodeRow> of(List<NodeRecord> nodes, Instant now) {
        return nodes.stream().map(n -> of(n, now)).toList();
    }

    /** GONE and/or FENCED, or null for a live node nobody fenced. */
    String flags() {
        String flags = (gone ? "GONE " : "") + (fenced ? "FENCED" : "");
        return flags.isBlank() ? null : flags.strip().replace(' ', ',');
    }

    /** The full table, as {@code nodes} prints it. */
    static void print(PrintWriter out, List<NodeRow> rows) {
        Table table = new Table("NODE", "HOST", "VERSION", "STATE", "IN-FLIGHT", "HEARTBEAT", "FLAGS");
        rows.forEach(r -> table.row(r.nodeId(), r.host(), r.softwareVersion(), r.state(), r.inFlight(),
                Text.age(r.heartbeatAgeMillis()) + " ago", r.flags()));
        table.print(out, "  ");
    }

    /** "web-1 (3 in flight), web-2 (no heartbeat since the window opened)", for one-line messages. */
    static String busy(List<NodeRow> rows) {
        return rows.stream().map(r -> r.nodeId() + " (" + (r.inFlight() > 0 ? r.inFlight() + " in flight"
                : "no heartbeat since the window opened") + ")").collect(Collectors.joining(", "));
    }
}
