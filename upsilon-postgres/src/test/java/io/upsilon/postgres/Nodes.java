package io.upsilon.postgres;

import io.upsilon.Manifest;
import io.upsilon.UpgradeCallback;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.testsupport.TestDatabase;
import java.time.Duration;

/** Builds the {@link Upsilon} of one node on a test database. */
final class Nodes {

    private Nodes() {
    }

    static UpsilonConfig.Builder config(PostgresBackend backend, LockKind kind, String nodeId, Manifest manifest) {
        return UpsilonConfig.builder().manifest(manifest).store(backend.store()).lock(backend.lock(kind, nodeId))
                .nodeId(nodeId).lockWaitTimeout(Duration.ofSeconds(60)).retryBackoff(Duration.ofMillis(50));
    }

    static Upsilon node(TestDatabase db, String nodeId, Manifest manifest, UpgradeCallback... callbacks) {
        PostgresBackend backend = PostgresBackend.create(db.dataSource("upsilon:" + nodeId));
        UpsilonConfig.Builder builder = config(backend, LockKind.ADVISORY, nodeId, manifest);
        for (UpgradeCallback c : callbacks) {
            builder.callback(c);
        }
        return Upsilon.create(builder.build());
    }

    static Version v(String text) {
        return Version.parse(text);
    }
}
