package io.upsilon.postgres.adopt;

import io.upsilon.Version;
import io.upsilon.spi.DataVersionState;
import io.upsilon.spi.ReleaseRecord;
import io.upsilon.spi.StoreSession;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.VersionStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** The real PostgreSQL store, counting the reads the engine asks of it. */
final class CountingStore implements VersionStore {

    final AtomicInteger stateReads = new AtomicInteger();
    final AtomicInteger historyReads = new AtomicInteger();
    private final VersionStore store;

    CountingStore(VersionStore store) {
        this.store = store;
    }

    @Override
    public void prepare() {
        store.prepare();
    }

    @Override
    public Optional<Version> dataVersion() {
        stateReads.incrementAndGet();
        return store.dataVersion();
    }

    @Override
    public DataVersionState dataVersionState() {
        stateReads.incrementAndGet();
        return store.dataVersionState();
    }

    @Override
    public void recordManifestDigest(Version version, String digest) {
        store.recordManifestDigest(version, digest);
    }

    @Override
    public List<TaskRecord> history() {
        historyReads.incrementAndGet();
        return store.history();
    }

    @Override
    public StoreSession open(boolean transactional) {
        return store.open(transactional);
    }

    @Override
    public void recordRelease(Version software, Optional<Version> data, String nodeId) {
        store.recordRelease(software, data, nodeId);
    }

    @Override
    public List<ReleaseRecord> releases() {
        return store.releases();
    }

    @Override
    public void baseline(List<TaskRecord> rows, Version version, long fencingToken) {
        store.baseline(rows, version, fencingToken);
    }

    @Override
    public void repair(Map<Long, String> checksums, Collection<Long> removedRows, long fencingToken) {
        store.repair(checksums, removedRows, fencingToken);
    }
}
