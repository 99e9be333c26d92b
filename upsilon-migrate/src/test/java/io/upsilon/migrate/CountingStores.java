package io.upsilon.migrate;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/** Decorators of real stores that count which page and write paths the engine calls; everything else delegates. */
final class CountingStores {

    final AtomicInteger rowPages = new AtomicInteger();
    final AtomicInteger copyPages = new AtomicInteger();
    final AtomicInteger binaryPages = new AtomicInteger();
    final AtomicInteger rowWrites = new AtomicInteger();
    final AtomicInteger copyWrites = new AtomicInteger();

    SourceStore source(SourceStore inner) {
        return new SourceStore() {
            @Override
            public List<Field> describe(SourceEntity entity) {
                return inner.describe(entity);
            }

            @Override
            public List<Row> page(SourceEntity entity, Position after, int limit) {
                rowPages.incrementAndGet();
                return inner.page(entity, after, limit);
            }

            @Override
            public boolean supportsCopyPages() {
                return inner.supportsCopyPages();
            }

            @Override
            public CopyPage copyPage(SourceEntity entity, List<String> columns, Position after, int limit,
                                     boolean binary, String freshAfter) {
                copyPages.incrementAndGet();
                CopyPage page = inner.copyPage(entity, columns, after, limit, binary, freshAfter);
                if (page.isBinary()) {
                    binaryPages.incrementAndGet();
                }
                return page;
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
                rowWrites.incrementAndGet();
                inner.write(batches, checkpoint);
            }

            @Override
            public boolean supportsCopyPages() {
                return inner.supportsCopyPages();
            }

            @Override
            public void write(String table, List<String> key, CopyPage page, Checkpoint checkpoint) {
                copyWrites.incrementAndGet();
                inner.write(table, key, page, checkpoint);
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
