package io.upsilon.migrate.internal;

import java.util.List;
import java.util.Set;

/** One declared transform: checked against the field names before any row moves, then applied batch by batch. */
interface TransformStep {

    /**
     * The main row's fields after this step.
     *
     * @param fields the fields before it
     * @throws io.upsilon.UpsilonException {@code BAD_INPUT} naming the entity and the field when the step refers to
     *                                     a field that is not there
     */
    Set<String> check(Set<String> fields);

    /** Applies the step to a batch; main rows that a step leaves out are removed from the list. */
    void apply(List<Output> batch);
}
