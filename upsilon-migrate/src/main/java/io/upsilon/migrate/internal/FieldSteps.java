package io.upsilon.migrate.internal;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The declared transforms that change one field of the main row: rename, default, drop, map. */
final class FieldSteps {

    private FieldSteps() {
    }

    static UpsilonException unknown(String entity, String step, String field, Set<String> fields) {
        return new UpsilonException(ErrorCode.BAD_INPUT, "entity " + entity + ": " + step + " refers to unknown field '"
                + field + "'; the row has " + fields);
    }

    static void require(String entity, String step, String field, Set<String> fields) {
        if (!fields.contains(field)) {
            throw unknown(entity, step, field, fields);
        }
    }

    /** {@code rename: {from: a, to: b}}. */
    record Rename(String entity, String from, String to) implements TransformStep {
        @Override
        public Set<String> check(Set<String> fields) {
            require(entity, "rename", from, fields);
            Set<String> after = new LinkedHashSet<>(fields);
            after.remove(from);
            after.add(to);
            return after;
        }

        @Override
        public void apply(List<Output> batch) {
            for (Output o : batch) {
                if (o.main()) {
                    o.row().put(to, o.row().remove(from));
                }
            }
        }
    }

    /** {@code default: {field: f, value: v}}: fills the field where it is missing or null. */
    record Default(String entity, String field, String value) implements TransformStep {
        @Override
        public Set<String> check(Set<String> fields) {
            Set<String> after = new LinkedHashSet<>(fields);
            after.add(field);
            return after;
        }

        @Override
        public void apply(List<Output> batch) {
            for (Output o : batch) {
                if (o.main() && o.row().get(field) == null) {
                    o.row().put(field, value);
                }
            }
        }
    }

    /** {@code drop: f}. */
    record Drop(String entity, String field) implements TransformStep {
        @Override
        public Set<String> check(Set<String> fields) {
            require(entity, "drop", field, fields);
            Set<String> after = new LinkedHashSet<>(fields);
            after.remove(field);
            return after;
        }

        @Override
        public void apply(List<Output> batch) {
            for (Output o : batch) {
                if (o.main()) {
                    o.row().remove(field);
                }
            }
        }
    }

    /** {@code map: {field: f, values: {old: new}}}: values not listed stay as they are. */
    record MapValues(String entity, String field, Map<String, String> values) implements TransformStep {
        @Override
        public Set<String> check(Set<String> fields) {
            require(entity, "map", field, fields);
            return fields;
        }

        @Override
        public void apply(List<Output> batch) {
            for (Output o : batch) {
                String v = o.row().get(field);
                if (o.main() && v != null && values.containsKey(v)) {
                    o.row().put(field, values.get(v));
                }
            }
        }
    }
}
