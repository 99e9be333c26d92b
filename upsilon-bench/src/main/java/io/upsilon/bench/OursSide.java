package io.upsilon.bench;

import io.upsilon.Manifest;
import io.upsilon.UpgradeResult;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.postgres.PostgresBackend;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * Upsilon's side: what a service does at start-up. It loads the manifest (with its SQL scripts) from a file, builds
 * the PostgreSQL backend and the {@link Upsilon} instance, and calls {@link Upsilon#upgrade()}, which with nothing
 * pending is the fast path: one read of the data version, no lock.
 */
final class OursSide implements Side<Upsilon> {

    /** The application's start-up code, split into the phases the harness reports. */
    @Override
    public Upsilon create(DataSource ds, Path manifestFile, Child timer) {
        String nodeId = UpsilonConfig.defaultNodeId();
        timer.mark("node_id");
        Manifest manifest = Manifest.load(manifestFile, OursSide.class.getClassLoader());
        timer.mark("manifest_load");
        PostgresBackend backend = PostgresBackend.create(ds);
        Upsilon upsilon = Upsilon.create(UpsilonConfig.builder()
                .manifest(manifest)
                .store(backend.store())
                .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, nodeId))
                .nodeId(nodeId)
                .build());
        timer.mark("build");
        return upsilon;
    }

    private static void verify(UpgradeResult result) {
        // the message is built only on failure: a record's toString bootstraps method handles, which a cold child
        // would otherwise pay inside the measured check
        if (result.outcome() != UpgradeResult.Outcome.UP_TO_DATE || result.lockTaken() || !result.tasks().isEmpty()) {
            Child.require(false, "Upsilon returned " + result);
        }
    }

    @Override
    public void check(Upsilon built) {
        verify(built.upgrade());
    }

    @Override
    public int apply(Upsilon built) {
        return built.upgrade().tasks().size();
    }
}
