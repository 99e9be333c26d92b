package io.upsilon.migrate.spi;

import io.upsilon.migrate.Row;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where entities go: the new cluster. Every write is idempotent (by key) and carries the checkpoint, so a run
 * killed at any point resumes without losing or duplicating a row. Thread-safe. Every implementation passes
 * {@code AbstractTargetStoreContractTest} (in this module's test sources, published as its {@code tests} jar).
 */
public interface TargetStore extends AutoCloseable {

    /**
     * The table's fields.
     *
     * @throws io.upsilon.UpsilonException {@code BAD_INPUT} naming the table if it does not exist
     */
    List<Field> describe(String table);

    /**
     * Writes the batches (insert or replace by key; a key twice in one batch keeps its last row) and stores the
     * checkpoint, replacing the entity's earlier one, all in one transaction: on failure nothing of it is stored. No
     * batches at all stores the checkpoint alone.
     *
     * @throws io.upsilon.UpsilonException when it failed (then nothing was stored)
     */
    void write(List<Batch> batches, Checkpoint checkpoint);

    /**
     * The {@code COPY} fast path, if this store has it (see {@link CopyPageTarget}); empty by default, and the engine
     * then writes {@link Batch}es.
     */
    default Optional<CopyPageTarget> copyPages() {
        return Optional.empty();
    }

    /** The stored checkpoint of an entity, if any. */
    Optional<Checkpoint> checkpoint(String entity);

    /** Every row of the table, in no particular order. */
    void scan(String table, Consumer<Row> each);

    /**
     * The rows of {@code table} whose {@code key} fields hold one of {@code keys}: what a cut-over verifies when only
     * those keys changed. The default scans the table; a store that can look rows up by key should.
     */
    default List<Row> rows(String table, List<String> key, java.util.Collection<List<String>> keys) {
        java.util.Set<List<String>> wanted = new java.util.HashSet<>(keys);
        List<Row> found = new java.util.ArrayList<>();
        scan(table, row -> {
            if (wanted.contains(row.values(key))) {
                found.add(row);
            }
        });
        return found;
    }

    /**
     * Deletes rows by key.
     *
     * @return how many were deleted
     */
    int delete(String table, List<String> key, List<List<String>> keys);

    @Override
    void close();
}
