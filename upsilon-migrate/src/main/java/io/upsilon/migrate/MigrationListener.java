package io.upsilon.migrate;

/** Hears a migration's progress, from the entity threads; keep it quick and thread-safe. */
@FunctionalInterface
public interface MigrationListener {

    /**
     * A batch of an entity was written.
     *
     * @param entity    the entity
     * @param rows      source rows read by this run so far
     * @param updatedAt the latest update time written so far
     */
    void progress(String entity, long rows, String updatedAt);

    /** A line for the operator, said once (such as which capture mode runs, and why). */
    default void notice(String line) {
    }

    static MigrationListener none() {
        return (entity, rows, updatedAt) -> { };
    }
}
