package io.upsilon.bench;

import io.upsilon.migrate.Row;
import io.upsilon.migrate.spi.Batch;
import io.upsilon.migrate.spi.Checkpoint;
import io.upsilon.migrate.spi.CopyPage;
import io.upsilon.migrate.spi.Field;
import io.upsilon.migrate.spi.Position;
import io.upsilon.migrate.spi.SourceEntity;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

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
        return new SourceStore() {
            @Override
            public List<Field> describe(SourceEntity entity) {
                return inner.describe(entity);
            }

            @Override
            public List<Row> page(SourceEntity entity, Position after, int limit) {
                long t = System.nanoTime();
                try {
                    return inner.page(entity, after, limit);
                } finally {
                    pageNanos.addAndGet(System.nanoTime() - t);
                    pages.incrementAndGet();
                }
            }

            @Override
            public boolean supportsCopyPages() {
                return inner.supportsCopyPages();
            }

            @Override
            public CopyPage copyPage(SourceEntity entity, List<String> columns, Position after, int limit,
                                     boolean binary, String freshAfter) {
                long t = System.nanoTime();
                try {
                    return inner.copyPage(entity, columns, after, limit, binary, freshAfter);
                } finally {
                    pageNanos.addAndGet(System.nanoTime() - t);
                    pages.incrementAndGet();
                }
            }

            @Override
            public Map<String, Row> lookup(String table, String field, Collection<String> values) {
                return inner.lookup(table, field, values);
            }

            @Override
            public void scan(SourceEntity entity, Consumer<Row> each) {
                inner.scan(entity, each);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }

    TargetStore target(TargetStore inner) {
        return new TargetStore() {
            @Override
            public List<Field> describe(String table) {
                return inner.describe(table);
            }

            @Override
            public void write(List<Batch> batches, Checkpoint checkpoint) {
                long t = System.nanoTime();
                try {
                    inner.write(batches, checkpoint);
                } finally {
                    writeNanos.addAndGet(System.nanoTime() - t);
                    writes.incrementAndGet();
                }
            }

            @Override
            public boolean supportsCopyPages() {
                return inner.supportsCopyPages();
            }

            @Override
            public void write(String table, List<String> key, CopyPage page, Checkpoint checkpoint) {
                long t = System.nanoTime();
                try {
                    inner.write(table, key, page, checkpoint);
                } finally {
                    writeNanos.addAndGet(System.nanoTime() - t);
                    writes.incrementAndGet();
                }
            }

            @Override
            public Optional<Checkpoint> checkpoint(String entity) {
                return inner.checkpoint(entity);
            }

            @Override
            public void scan(String table, Consumer<Row> each) {
                inner.scan(table, each);
            }

            @Override
            public int delete(String table, List<String> key, List<List<String>> keys) {
                return inner.delete(table, key, keys);
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
