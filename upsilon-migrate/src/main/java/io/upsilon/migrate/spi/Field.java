package io.upsilon.migrate.spi;

/**
 * A field of an entity as a store describes it.
 *
 * @param name the field (column) name
 * @param type the store's type name, e.g. PostgreSQL's {@code int8} or {@code timestamptz}; {@code json} for fields
 *             of an HTTP store
 */
public record Field(String name, String type) {
}
