package io.upsilon.migrate;

import java.util.Set;

/**
 * A transform written in Java, for what the declared transforms cannot say. Named in the spec as
 * {@code - java: com.acme.MyTransformer}; needs a public no-argument constructor and must be thread-safe (entity
 * types run in parallel) and deterministic (verification runs it again over the source to compare).
 */
@FunctionalInterface
public interface EntityTransformer {

    /**
     * Transforms one row (it may change it in place and return it).
     *
     * @return the row to write, or null to leave this source row out of the target
     */
    Row transform(Row row);

    /**
     * The fields a row has after this transform, given those it has before; used to check the spec against the
     * target before any row is written. By default the fields are unchanged.
     */
    default Set<String> fieldsAfter(Set<String> fieldsBefore) {
        return fieldsBefore;
    }
}
