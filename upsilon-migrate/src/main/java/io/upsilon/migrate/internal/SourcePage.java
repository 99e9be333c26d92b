package io.upsilon.migrate.internal;

import io.upsilon.migrate.Row;
import io.upsilon.migrate.spi.Batch;
import io.upsilon.migrate.spi.Checkpoint;
import io.upsilon.migrate.spi.CopyPage;
import io.upsilon.migrate.spi.TargetStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One page of an entity as the copier moves it, in (update time, key) order: either source rows that go through the
 * plan's transforms, or {@code COPY} text passed through unparsed (an identity plan between stores that both speak
 * it). The copier needs only the page's size, its last row (the checkpoint) and how many rows are new.
 */
interface SourcePage {

    int size();

    /** The last row: at least its update time and key. */
    Row last();

    /** Rows whose update time (in the store's text form) is after {@code than}. */
    long countAfter(String updatedAt, String than);

    /**
     * Writes the page and the checkpoint in one target transaction.
     *
     * @param written target rows written so far, by table; this page's are added
     */
    void write(TargetStore target, Checkpoint checkpoint, Map<String, Long> written);

    static SourcePage rows(EntityPlan plan, List<Row> rows) {
        return new Rows(plan, rows);
    }

    static SourcePage copied(EntityPlan plan, CopyPage page) {
        return new Copied(plan, page);
    }

    /** Source rows, transformed per target table and written as batches. */
    record Rows(EntityPlan plan, List<Row> rows) implements SourcePage {

        @Override
        public int size() {
            return rows.size();
        }

        @Override
        public Row last() {
            return rows.get(rows.size() - 1);
        }

        @Override
        public long countAfter(String updatedAt, String than) {
            return rows.stream().filter(r -> r.get(updatedAt) != null && r.get(updatedAt).compareTo(than) > 0).count();
        }

        @Override
        public void write(TargetStore target, Checkpoint checkpoint, Map<String, Long> written) {
            Map<String, List<String>> keys = plan.keys();
            List<Batch> batches = new ArrayList<>();
            plan.transform(rows).forEach((table, out) -> {
                batches.add(new Batch(table, keys.get(table), out));
                written.merge(table, (long) out.size(), Long::sum);
            });
            target.write(batches, checkpoint);
        }
    }

    /** {@code COPY} text of the source fields, written as it is into the plan's one target table. */
    record Copied(EntityPlan plan, CopyPage page) implements SourcePage {

        @Override
        public int size() {
            return page.rows();
        }

        @Override
        public Row last() {
            return page.last();
        }

        @Override
        public long countAfter(String updatedAt, String than) {
            return page.countAfter(updatedAt, than);
        }

        @Override
        public void write(TargetStore target, Checkpoint checkpoint, Map<String, Long> written) {
            target.copyPages().orElseThrow().write(plan.spec().target(), plan.spec().key(), page, checkpoint);
            written.merge(plan.spec().target(), (long) page.rows(), Long::sum);
        }
    }
}
