package io.upsilon.postgres;

import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.spi.ClusterLock;
import io.upsilon.testsupport.AbstractClusterLockContractTest;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeEach;

class AdvisoryClusterLockIT extends AbstractClusterLockContractTest {

    private PostgresBackend backend;

    @BeforeEach
    void freshDatabase() {
        TestDatabase db = PostgresFixture.newDatabase();
        backend = PostgresBackend.create(db.dataSource());
    }

    @Override
    protected ClusterLock lock(String nodeId) {
        return backend.lock(LockKind.ADVISORY, nodeId);
    }
}
