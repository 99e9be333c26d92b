package io.upsilon.spi;

import io.upsilon.NodeState;
import io.upsilon.Version;
import java.time.Duration;
import java.time.Instant;

/**
 * One row of the node table.
 *
 * @param nodeId          the node's id (also tagged on its database sessions' {@code application_name})
 * @param host            the host it runs on
 * @param softwareVersion the software version it runs
 * @param state           its last reported state
 * @param inFlight        how much work it reported in flight
 * @param startedAt       when it registered
 * @param heartbeatAt     its last heartbeat (database time)
 * @param ttl             how long after its last heartbeat it counts as gone
 * @param fenced          whether an operator fenced it ({@code upsilon fence})
 * @param gone            whether its heartbeat is older than its TTL
 */
public record NodeRecord(String nodeId, String host, Version softwareVersion, NodeState state, int inFlight,
                         Instant startedAt, Instant heartbeatAt, Duration ttl, boolean fenced, boolean gone) {
}
