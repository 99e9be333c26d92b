package io.upsilon;

import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.NodeRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * A node registry for unit tests of code that only reads the node list (and may end sessions): every write a node
 * makes about itself throws, so a test fails loudly if the code under test registers, beats or fences.
 */
abstract class ReadOnlyRegistry implements NodeRegistry {

    @Override
    public void register(String nodeId, String host, Version softwareVersion, NodeState state, Duration ttl) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean heartbeat(String nodeId, NodeState state, int inFlight) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<NodeRecord> fenceBelow(Version version) {
        throw new UnsupportedOperationException();
    }

    @Override
    public int terminateSessions(Collection<String> nodeIds) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void deregister(String nodeId) {
        throw new UnsupportedOperationException();
    }
}
