package io.upsilon.spi;

import io.upsilon.NodeState;
import io.upsilon.Version;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/** The cluster's node table: who runs which version, in which state, with how much work in flight. */
public interface NodeRegistry {

    /** Adds or replaces this node's row. */
    void register(String nodeId, String host, Version softwareVersion, NodeState state, Duration ttl);

    /**
     * Reports this node's state and in-flight work and renews its heartbeat.
     *
     * @return whether an operator has fenced this node; a fenced node must move to {@link NodeState#FENCED}
     */
    boolean heartbeat(String nodeId, NodeState state, int inFlight);

    /** Every registered node, with {@link NodeRecord#gone()} judged on database time. */
    List<NodeRecord> nodes();

    /**
     * Marks every node whose software version is below {@code version} as fenced.
     *
     * @return the nodes it marked
     */
    List<NodeRecord> fenceBelow(Version version);

    /**
     * Ends the database sessions whose {@code application_name} is tagged with one of the node ids.
     *
     * @return how many sessions were ended
     */
    int terminateSessions(Collection<String> nodeIds);

    /** Removes this node's row, on orderly shutdown. */
    void deregister(String nodeId);
}
