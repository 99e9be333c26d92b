package io.upsilon.migrate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One entity as it moves: field names to values in their text form (PostgreSQL's own output format, or a JSON
 * scalar rendered as text), null for SQL NULL. Text keeps every value exact through the copy: the target parses it
 * with its own input functions. Rows are mutable only through transforms; {@link #copy()} before sharing.
 */
public final class Row {

    private final LinkedHashMap<String, String> fields;

    public Row() {
        this.fields = new LinkedHashMap<>();
    }

    private Row(LinkedHashMap<String, String> fields) {
        this.fields = fields;
    }

    public static Row of(Map<String, String> fields) {
        return new Row(new LinkedHashMap<>(fields));
    }

    public String get(String field) {
        return fields.get(field);
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public Row put(String field, String value) {
        fields.put(Objects.requireNonNull(field), value);
        return this;
    }

    public String remove(String field) {
        return fields.remove(field);
    }

    /** The values of {@code columns}, in that order (the key of this row when given the key columns). */
    public List<String> values(List<String> columns) {
        return columns.stream().map(fields::get).toList();
    }

    public Map<String, String> fields() {
        return Collections.unmodifiableMap(fields);
    }

    public Row copy() {
        return new Row(new LinkedHashMap<>(fields));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Row r && fields.equals(r.fields);
    }

    @Override
    public int hashCode() {
        return fields.hashCode();
    }

    @Override
    public String toString() {
        return fields.toString();
    }
}
