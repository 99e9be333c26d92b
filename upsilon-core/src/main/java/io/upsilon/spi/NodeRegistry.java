package io.upsilon.spi;

import io.upsilon.NodeState;
import io.upsilon.Version;
import io.upsilon.CompatibilityWindow;
import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The cluster's node table: who runs which version, in which state, with how much work in flight. Every
 * implementation passes {@code io.upsilon.testsupport.AbstractNodeRegistryContractTest}.
 */
public interface NodeRegistry {

    /** Adds or replaces this node's row: in flight 0, not fenced (unless the fence floor fences its version). */
    void register(String nodeId, String host, Version softwareVersion, NodeState state, Duration ttl);

    /**
     * Reports this node's state and in-flight work and renews its heartbeat.
     *
     * @return whether an operator has fenced this node; a fenced node must move to {@link NodeState#FENCED}. False
     *         for a node that is not registered (this call registers nothing)
     */
    boolean heartbeat(String nodeId, NodeState state, int inFlight);

    /**
     * Whether an operator has fenced this node, as {@link #heartbeat} answers, without renewing or recording
     * anything: the check a node makes just before it first serves, when a hundred nodes of a release may make it
     * at the same instant. False for a node that is not registered. The default reads {@link #nodes()} and
     * {@link #fenceFloor()}; a registry in a database answers with one read.
     */
    default boolean fenced(String nodeId) {
        Optional<Version> floor = fenceFloor();
        return nodes().stream().filter(n -> n.nodeId().equals(nodeId)).anyMatch(n -> n.fenced()
                || floor.isPresent() && n.softwareVersion().isBefore(floor.get()));
    }

    /** Every registered node, with {@link NodeRecord#gone()} judged on database time. */
    List<NodeRecord> nodes();

    /**
     * Marks every node whose software version is below {@code version} (compared as versions: 1.9 is below 1.10) as
     * fenced.
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

    /**
     * {@link #register(String, String, Version, NodeState, Duration)}, also recording the data versions the node
     * serves, so that {@link #terminateSessionsOutside} can find it. The default drops the window.
     */
    default void register(String nodeId, String host, Version softwareVersion, NodeState state, Duration ttl,
                          CompatibilityWindow serves) {
        register(nodeId, host, softwareVersion, state, ttl);
    }

    /**
     * The clock this registry judges heartbeats and TTLs on ({@link NodeRecord#gone()} is decided against it), so
     * that a node's age is shown as the registry sees it, not as a caller's clock does. The default is this JVM's
     * clock; a registry in a database answers with the database's.
     */
    default Instant now() {
        return Instant.now();
    }

    /** The fence floor: software versions below it are fenced, also when they start later. Empty by default. */
    default Optional<Version> fenceFloor() {
        return Optional.empty();
    }

    /**
     * Removes the fence floor and the operator's fenced marks on node rows ({@code upsilon fence --clear}). Nodes
     * already FENCED stay so (it is final); new nodes of any version may serve again.
     *
     * @return whether there was a floor
     */
    default boolean clearFence() {
        throw new UpsilonException(ErrorCode.BAD_INPUT, "this node registry keeps no fence floor to clear");
    }

    /**
     * Ends the tagged sessions of every live node whose recorded window does not hold {@code dataVersion}: the
     * database-side guard for old code that would otherwise write to new data until it notices. Nodes registered
     * without a window are left alone. The default does nothing.
     *
     * @return the ids of the nodes whose sessions were ended
     */
    default List<String> terminateSessionsOutside(Version dataVersion) {
        return List.of();
    }

    /**
     * Deletes the rows of nodes that have sent no heartbeat for {@code goneFor} beyond their TTL (crashed or fenced
     * and stopped), so the node table does not grow forever. The default does nothing.
     *
     * @return how many rows it deleted
     */
    default int pruneGone(Duration goneFor) {
        return 0;
    }
}
