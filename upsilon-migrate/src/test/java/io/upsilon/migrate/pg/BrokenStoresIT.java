package io.upsilon.migrate.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.upsilon.migrate.Row;
import io.upsilon.migrate.spi.Batch;
import io.upsilon.migrate.spi.Checkpoint;
import io.upsilon.migrate.spi.ForwardingSourceStore;
import io.upsilon.migrate.spi.ForwardingTargetStore;
import io.upsilon.migrate.spi.Position;
import io.upsilon.migrate.spi.SourceEntity;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The store contract suites can fail: each runs (through JUnit's {@link EngineTestKit}) against a PostgreSQL store
 * broken on purpose, and must report the tests that the mutation breaks.
 */
class BrokenStoresIT {

    /** The display names of the tests of {@code suite} that failed. */
    private static List<String> failures(Class<?> suite) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite)).execute().testEvents().failed()
                .stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    @Test
    void theTargetSuiteCatchesATargetThatDropsEveryTenthRow() {
        assertThat(failures(DropsEveryTenthRow.class)).contains("writtenRowsAreReadBackAndTheCheckpointWithThem()",
                "parallelWritesLoseNothing()");
    }

    @Test
    void theSourceSuiteCatchesASourceThatSkipsARowBetweenPages() {
        assertThat(failures(SkipsARowBetweenPages.class)).contains(
                "pagesReadEveryRowOnceInUpdateTimeAndKeyOrder()", "resumingAfterAnyRowReadsExactlyTheRest()");
    }

    /** A target whose row writes lose every tenth row (counted over the store's life). */
    static class DropsEveryTenthRow extends PgTargetStoreIT {
        @Override
        protected TargetStore newTarget() {
            AtomicInteger seen = new AtomicInteger();
            return new ForwardingTargetStore(super.newTarget()) {
                @Override
                public void write(List<Batch> batches, Checkpoint checkpoint) {
                    List<Batch> lossy = new ArrayList<>();
                    for (Batch b : batches) {
                        List<Row> kept = b.rows().stream().filter(r -> seen.incrementAndGet() % 10 != 0).toList();
                        lossy.add(new Batch(b.table(), b.key(), kept));
                    }
                    super.write(lossy, checkpoint);
                }
            };
        }
    }

    /** A source that resumes one row too late: a page after a position skips its first row. */
    static class SkipsARowBetweenPages extends PgSourceStoreIT {
        @Override
        protected SourceStore newSource(List<Item> items) {
            return new ForwardingSourceStore(super.newSource(items)) {
                @Override
                public List<Row> page(SourceEntity entity, Position after, int limit) {
                    List<Row> page = super.page(entity, after, limit);
                    return after.key().isEmpty() || page.isEmpty() ? page : page.subList(1, page.size());
                }
            };
        }
    }
}
