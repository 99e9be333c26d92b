package io.upsilon.report;

import io.upsilon.spi.NodeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
}
