package io.upsilon.postgres;

import io.upsilon.NodeState;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.spi.ClusterLock;
import io.upsilon.spi.LockGrant;
import io.upsilon.spi.LockInfo;
import io.upsilon.spi.NodeRegistry;
import io.upsilon.testsupport.AbstractClusterLockContractTest;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * The lock contract with every attempt made on a kept connection: all the nodes' locks come from one backend, and
 * before each attempt that backend's registry records its node as WAITING, which keeps a connection idle for the
 * attempt to take. A session holding the lock that went back to keeping would hand the (re-entrant) advisory lock to
 * the next node's attempt on it: the exclusion tests and the fuzz would fail.
 */
class KeptConnectionLockContractIT extends AbstractClusterLockContractTest {

    private PostgresBackend backend;
    private NodeRegistry registry;

    @BeforeEach
    void freshDatabase() {
        TestDatabase db = PostgresFixture.newDatabase();
        backend = PostgresBackend.create(db.dataSource("upsilon:shared"));
        registry = backend.nodes();
    }

    @Override
    protected ClusterLock lock(String nodeId) {
        registry.register(nodeId, "localhost", Nodes.v("1.1"), NodeState.WAITING, Duration.ofSeconds(30));
        return new WaitingNodeLock(backend.lock(LockKind.ADVISORY, nodeId), registry, nodeId);
    }

    /** The lock of a WAITING node: its heartbeat (a real one, which keeps the connection) before each attempt. */
    private record WaitingNodeLock(ClusterLock lock, NodeRegistry registry, String nodeId) implements ClusterLock {

        @Override
        public Optional<LockGrant> acquire(Duration timeout) {
            registry.heartbeat(nodeId, NodeState.WAITING, 0);
            return lock.acquire(timeout);
        }

        @Override
        public Optional<LockInfo> inspect() {
            return lock.inspect();
        }

        @Override
        public boolean releaseIfAbandoned() {
            return lock.releaseIfAbandoned();
        }

        @Override
        public String kind() {
            return lock.kind();
        }
    }
}
