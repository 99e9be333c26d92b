package io.upsilon.bench;

import io.upsilon.Manifest;
import io.upsilon.UpgradeResult;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.postgres.PostgresBackend;
import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;

/**
 * Upsilon's side: what a service does at start-up. It loads the manifest (with its SQL scripts) from a file, builds
 * the PostgreSQL backend and the {@link Upsilon} instance, and calls {@link Upsilon#upgrade()}, which with nothing
 * pending is the fast path: one read of the data version, no lock.
 */
final class OursSide {

    private OursSide() {
    }

    /** The application's start-up code, split into the phases the harness reports. */
    static Upsilon create(DataSource ds, Path manifestFile, Child timer) {
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

    static void verify(UpgradeResult result) {
        Child.require(result.outcome() == UpgradeResult.Outcome.UP_TO_DATE && !result.lockTaken()
                && result.tasks().isEmpty(), "Upsilon returned " + result);
    }

    /** {@code cold-ours PORT DB MANIFEST}: one start-up check in this fresh JVM. */
    static void cold(String[] args) {
        Child timer = new Child();
        long t0 = System.nanoTime();
        timer.start();
        DataSource ds = Child.dataSource(Integer.parseInt(args[0]), args[1]);
        Upsilon upsilon = create(ds, Path.of(args[2]), timer);
        UpgradeResult result = upsilon.upgrade();
        timer.mark("check_call");
        timer.add("total", System.nanoTime() - t0);
        verify(result);
        timer.print();
    }

    /**
     * {@code warm-ours PORT DB MANIFEST WARMUP CALLS}: in one JVM, {@code upgrade()} on one instance built once
     * ("reuse") and the whole start-up code per call ("full"), alternating, after {@code WARMUP} unmeasured rounds.
     */
    static void warm(String[] args) {
        DataSource ds = Child.dataSource(Integer.parseInt(args[0]), args[1]);
        Path manifest = Path.of(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int calls = Integer.parseInt(args[4]);
        Child ignored = new Child();
        Upsilon built = create(ds, manifest, ignored);
        Child.warmLoop(warmup, calls, () -> verify(built.upgrade()),
                () -> verify(create(ds, manifest, ignored).upgrade()));
    }

    /**
     * {@code profile-ours PORT DB MANIFEST}: where a cold start-up's time goes. Loads the JDBC driver and opens a
     * connection first, so that the later phases show Upsilon's own cost; not comparable with {@code cold-ours}.
     */
    static void profile(String[] args) throws Exception {
        Child timer = new Child(true);
        timer.start();
        DataSource ds = Child.dataSource(Integer.parseInt(args[0]), args[1]);
        try (Connection c = ds.getConnection()) {
            c.isValid(1);
        }
        timer.mark("jdbc_first_connection");
        try (Connection c = ds.getConnection()) {
            c.isValid(1);
        }
        timer.mark("jdbc_second_connection");
        Upsilon upsilon = create(ds, Path.of(args[2]), timer);
        UpgradeResult result = upsilon.upgrade();
        timer.mark("first_check_call");
        verify(result);
        timer.start();
        result = upsilon.upgrade();
        timer.mark("second_check_call");
        verify(result);
        timer.print();
    }
}
