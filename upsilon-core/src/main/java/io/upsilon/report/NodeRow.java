package io.upsilon.report;

import io.upsilon.NodeState;
import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.NodeRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One node of the node table as reports show it ({@code upsilon nodes}, {@code fence}, {@code maintenance}), with
 * the age of its heartbeat judged on the database's clock.
 *
 * @param nodeId             the node's id
 * @param host               the host it runs on
 * @param softwareVersion    the software version it runs
 * @param state              its last reported state
 * @param inFlight           how much work it reported in flight
 * @param startedAt          when it registered
 * @param heartbeatAt        its last heartbeat (database time)
 * @param heartbeatAgeMillis how long ago its last heartbeat was, on database time
 * @param ttlMillis          how long after its last heartbeat it counts as gone
 * @param fenced             whether an operator fenced it ({@code upsilon fence})
 * @param gone               whether its heartbeat is older than its TTL
 */
public record NodeRow(String nodeId, String host, String softwareVersion, String state, int inFlight,
                      String startedAt, String heartbeatAt, long heartbeatAgeMillis, long ttlMillis, boolean fenced,
                      boolean gone) {

    /** The row of {@code node}, its heartbeat's age taken at {@code now} (the database's time, never negative). */
    public static NodeRow of(NodeRecord node, Instant now) {
        return new NodeRow(node.nodeId(), node.host(), node.softwareVersion().toString(), node.state().name(),
                node.inFlight(), node.startedAt().toString(), node.heartbeatAt().toString(),
                Math.max(0, Duration.between(node.heartbeatAt(), now).toMillis()), node.ttl().toMillis(),
                node.fenced(), node.gone());
    }

    /** The rows of {@code nodes}, in their order. */
    public static List<NodeRow> of(List<NodeRecord> nodes, Instant now) {
        return nodes.stream().map(n -> of(n, now)).toList();
    }

    /**
     * The rows of {@code nodes}, their ages taken against {@code registry}'s clock (the database's, on which
     * heartbeats and GONE are judged); the clock is read only when there are nodes.
     */
    public static List<NodeRow> of(List<NodeRecord> nodes, NodeRegistry registry) {
        return nodes.isEmpty() ? List.of() : of(nodes, registry.now());
    }

    /** {@code GONE}, {@code FENCED} or {@code GONE,FENCED}; null for a live node nobody fenced. */
    public String flags() {
        String flags = (gone ? "GONE " : "") + (fenced ? "FENCED" : "");
        return flags.isBlank() ? null : flags.strip().replace(' ', ',');
    }

    /**
     * The node table: node, host, version, state, in-flight work, heartbeat age and {@link #flags()}, one line per
     * row.
     */
    public static TextTable table(List<NodeRow> rows) {
        TextTable table = new TextTable("NODE", "HOST", "VERSION", "STATE", "IN-FLIGHT", "HEARTBEAT", "FLAGS");
        rows.forEach(r -> table.row(r.nodeId(), r.host(), r.softwareVersion(), r.state(), r.inFlight(),
                ReportText.age(r.heartbeatAgeMillis()) + " ago", r.flags()));
        return table;
    }

    /**
     * The nodes that hold a maintenance drain up, in one line: {@code web-1 (3 in flight), web-2 (0 in flight; awaiting
     * its next heartbeat)}: a drain counts a zero only from a heartbeat it can tell was counted after the window opened
     * (see {@code MaintenanceDrain}).
     */
    public static String busy(List<NodeRow> rows) {
        return rows.stream().map(r -> r.nodeId() + " (" + (r.inFlight() > 0 ? r.inFlight() + " in flight"
                : "0 in flight; awaiting its next heartbeat") + ")").collect(Collectors.joining(", "));
    }

    /**
     * The node table counted: {@code 3 nodes: 1 ready, 1 gone, 1 fenced.} Ready counts the READY nodes neither gone nor
     * fenced; fenced counts the nodes marked by an operator or reporting FENCED.
     */
    public static String summary(List<NodeRow> rows) {
        String ready = NodeState.READY.name();
        String fencedState = NodeState.FENCED.name();
        long live = rows.stream().filter(n -> !n.gone() && !n.fenced() && n.state().equals(ready)).count();
        long gone = rows.stream().filter(NodeRow::gone).count();
        long fenced = rows.stream().filter(n -> n.fenced() || n.state().equals(fencedState)).count();
        return ReportText.plural(rows.size(), "node") + ": " + live + " ready, " + gone + " gone, " + fenced
                + " fenced.";
    }
}
