package io.upsilon.migrate.spi;

import io.upsilon.migrate.Row;
import java.util.List;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where entities come from: the old cluster. Implementations: PostgreSQL (keyset pages read through a server-side
 * cursor) and HTTP JSON (pages through {@code GET} with a cursor). Thread-safe: entity types run in parallel. Every
 * implementation passes {@code AbstractSourceStoreContractTest} (in this module's test sources, published as its
 * {@code tests} jar).
 */
public interface SourceStore extends AutoCloseable {

    /**
     * The entity's fields as this store delivers them.
     *
     * @throws io.upsilon.UpsilonException {@code BAD_INPUT} naming the entity if it does not exist
     */
    List<Field> describe(SourceEntity entity);

    /**
     * At most {@code limit} rows after {@code after} in (update time, key) order, compared in the store's own types
     * (times as times, numbers as numbers); empty at the end. Rows changed since an earlier page, with a later update
     * time, come again after it.
     */
    List<Row> page(SourceEntity entity, Position after, int limit);

    /**
     * The rows of {@code table} whose {@code field} is one of {@code values}, by that value, for merges (one round
     * trip per batch, not per row). Values with no row are absent from the map.
     */
    Map<String, Row> lookup(String table, String field, Collection<String> values);

    /**
     * The {@code COPY} fast path, if this store has it (see {@link CopyPageSource}); empty by default, and the engine
     * then reads {@link #page}s.
     */
    default Optional<CopyPageSource> copyPages() {
        return Optional.empty();
    }

    /**
     * The watermark's horizon in watermark mode: an update time (text form, as {@link #page} gives the entity's
     * update times) at or before the start of every transaction open on the source now, so that any row a
     * transaction invisible to the pages read after this call stamps (with its own start, {@code now()}, or later)
     * sorts at or after it. The copier calls it before a run's first page and never stores a watermark past it, so
     * a late commit is read by the next run. Empty when the store cannot tell: the spec's overlap is then the only
     * guard.
     */
    default Optional<String> openTransactionsSince(SourceEntity entity) {
        return Optional.empty();
    }

    /** Every row of the entity, in no particular order, for verification and delete detection. */
    void scan(SourceEntity entity, Consumer<Row> each);

    @Override
    void close();
}
