package io.upsilon.migrate.internal;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.spi.SourceStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns the spec's transform entries ({@code - rename: {from: a, to: b}}) into steps, naming the entity on error. */
final class StepParser {

    private final String entity;
    private final SourceStore source;
    private final ClassLoader loader;

    StepParser(String entity, SourceStore source, ClassLoader loader) {
        this.entity = entity;
        this.source = source;
        this.loader = loader;
    }

    TransformStep parse(Map<String, Object> entry, int index) {
        if (entry == null || entry.size() != 1) {
            throw bad(index, "each transform is one of rename, default, drop, map, split, merge, java");
        }
        String kind = entry.keySet().iterator().next();
        Object value = entry.get(kind);
        return switch (kind) {
            case "rename" -> new FieldSteps.Rename(entity, text(value, "from", index), text(value, "to", index));
            case "default" -> new FieldSteps.Default(entity, text(value, "field", index), optional(value, "value"));
            case "drop" -> new FieldSteps.Drop(entity, value instanceof String s ? s : text(value, "field", index));
            case "map" -> new FieldSteps.MapValues(entity, text(value, "field", index), strings(value, "values", index));
            case "split" -> new SplitStep(entity, text(value, "target", index), list(value, "key", index),
                    strings(value, "fields", index), map(value, index).containsKey("remove")
                    ? list(value, "remove", index) : List.of());
            case "merge" -> new MergeStep(entity, source, text(value, "from", index), text(value, "on", index),
                    text(value, "lookup", index), strings(value, "fields", index));
            case "java" -> JavaStep.load(entity, value instanceof String s ? s : text(value, "class", index), loader);
            default -> throw bad(index, "unknown transform '" + kind + "'; use rename, default, drop, map, split,"
                    + " merge or java");
        };
    }

    private Map<?, ?> map(Object value, int index) {
        if (!(value instanceof Map<?, ?> m)) {
            throw bad(index, "expected a mapping such as {field: …}");
        }
        return m;
    }

    private String text(Object value, String name, int index) {
        Object v = map(value, index).get(name);
        if (v == null || v instanceof Map || v instanceof List) {
            throw bad(index, "'" + name + "' is required and must be a single value");
        }
        return v.toString();
    }

    private String optional(Object value, String name) {
        Object v = value instanceof Map<?, ?> m ? m.get(name) : null;
        return v == null ? null : v.toString();
    }

    private List<String> list(Object value, String name, int index) {
        Object v = map(value, index).get(name);
        if (!(v instanceof List<?> l) || l.isEmpty()) {
            throw bad(index, "'" + name + "' must be a non-empty list");
        }
        return l.stream().map(String::valueOf).toList();
    }

    private Map<String, String> strings(Object value, String name, int index) {
        Object v = map(value, index).get(name);
        if (!(v instanceof Map<?, ?> m) || m.isEmpty()) {
            throw bad(index, "'" + name + "' must be a non-empty mapping");
        }
        Map<String, String> out = new LinkedHashMap<>();
        m.forEach((k, val) -> out.put(String.valueOf(k), val == null ? null : String.valueOf(val)));
        return out;
    }

    private UpsilonException bad(int index, String message) {
        return new UpsilonException(ErrorCode.BAD_INPUT, "entity " + entity + ", transform " + (index + 1) + ": "
                + message);
    }
}
