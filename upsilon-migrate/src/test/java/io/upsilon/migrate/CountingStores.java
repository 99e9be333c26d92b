package io.upsilon.migrate;

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
import java.util.concurrent.atomic.AtomicInteger;

/** Decorators of real stores that count which page and write paths the engine calls; everything else delegates. */
final class CountingStores {

    final AtomicInteger rowPages = new AtomicInteger();
    final AtomicInteger copyPages = new AtomicInteger();
    final AtomicInteger binaryPages = new AtomicInteger();
    final AtomicInteger rowWrites = new AtomicInteger();
    final AtomicInteger copyWrites = new AtomicInteger();
    final AtomicInteger binaryWrites = new AtomicInteger();

    SourceStore source(SourceStore inner) {
        return new ForwardingSourceStore(inner) {
            @Override
            public List<Row> page(SourceEntity entity, Position after, int limit) {
                rowPages.incrementAndGet();
                return super.page(entity, after, limit);
            }

            @Override
            public CopyPage copyPage(SourceEntity entity, List<String> columns, Position after, int limit,
                                     boolean binary, String freshAfter) {
                copyPages.incrementAndGet();
                CopyPage page = super.copyPage(entity, columns, after, limit, binary, freshAfter);
                if (page.isBinary()) {
                    binaryPages.incrementAndGet();
                }
                return page;
            }
        };
    }

    TargetStore target(TargetStore inner) {
        return new ForwardingTargetStore(inner) {
            @Override
            public void write(List<Batch> batches, Checkpoint checkpoint) {
                if (!batches.isEmpty()) { // a checkpoint alone moves no rows
                    rowWrites.incrementAndGet();
                }
                super.write(batches, checkpoint);
            }

            @Override
            public void write(String table, List<String> key, CopyPage page, Checkpoint checkpoint) {
                copyWrites.incrementAndGet();
                if (page.isBinary()) {
                    binaryWrites.incrementAndGet();
                }
                super.write(table, key, page, checkpoint);
            }
        };
    }
}
