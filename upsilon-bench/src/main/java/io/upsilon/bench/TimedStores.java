package io.upsilon.bench;

import io.upsilon.migrate.Row;
import io.upsilon.migrate.spi.Batch;
import io.upsilon.migrate.spi.Checkpoint;
import io.upsilon.migrate.spi.CopyPage;
import io.upsilon.migrate.spi.ForwardingSourceStore;
import io.upsilon.migrate.spi.ForwardingTargetStore;
import io.upsilon.migrate.spi.Position;
import io.upsilon.migrate.spi.SourceEntity;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Pass-through wrappers around the stores {@code Stores} opens, adding up the wall time spent in
 * {@code SourceStore.page} or {@code copyPage} (the keyset query and reading its rows) and in {@code TargetStore.write}
 * (of rows or of COPY text: the copy, staging and upsert when needed, the checkpoint), so a run's time splits into
 * reading, writing and the rest (the engine: transform, bookkeeping). Both kinds of page are passed on, so the
 * wrapped stores take the same path as bare ones.
 * Two {@code System.nanoTime()} calls per page; nothing else changes.
 */
final class TimedStores {

    final AtomicLong pageNanos = new AtomicLong();
    final AtomicLong pages = new AtomicLong();
    final AtomicLong writeNanos = new AtomicLong();
    final AtomicLong writes = new AtomicLong();

    SourceStore source(SourceStore inner) {
        return new ForwardingSourceStore(inner) {
            @Override
            public List<Row> page(SourceEntity entity, Position after, int limit) {
                return timed(pageNanos, pages, () -> super.page(entity, after, limit));
            }

            @Override
            public CopyPage copyPage(SourceEntity entity, List<String> columns, Position after, int limit,
                                     boolean binary, String freshAfter) {
                return timed(pageNanos, pages, () -> super.copyPage(entity, columns, after, limit, binary,
                        freshAfter));
            }
        };
    }

    TargetStore target(TargetStore inner) {
        return new ForwardingTargetStore(inner) {
            @Override
            public void write(List<Batch> batches, Checkpoint checkpoint) {
                timed(writeNanos, writes, () -> {
                    super.write(batches, checkpoint);
                    return null;
                });
            }

            @Override
            public void write(String table, List<String> key, CopyPage page, Checkpoint checkpoint) {
                timed(writeNanos, writes, () -> {
                    super.write(table, key, page, checkpoint);
                    return null;
                });
            }
        };
    }

    private static <T> T timed(AtomicLong nanos, AtomicLong calls, Supplier<T> call) {
        long t = System.nanoTime();
        try {
            return call.get();
        } finally {
            nanos.addAndGet(System.nanoTime() - t);
            calls.incrementAndGet();
        }
    }
}
