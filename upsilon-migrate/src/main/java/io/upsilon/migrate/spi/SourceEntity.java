package io.upsilon.migrate.spi;

import java.util.List;

/**
 * What to read of one entity type in the source.
 *
 * @param name      the entity's name in the spec (also the checkpoint's name)
 * @param table     the source table, or null when {@code query} is given
 * @param query     a query whose rows are the entity, or null
 * @param key       the key fields
 * @param updatedAt the update-time field
 */
public record SourceEntity(String name, String table, String query, List<String> key, String updatedAt) {

    public SourceEntity {
        key = List.copyOf(key);
    }
}
