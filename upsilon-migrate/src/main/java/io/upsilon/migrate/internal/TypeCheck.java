package io.upsilon.migrate.internal;

import java.util.Set;

/**
 * Whether a source field's type can be written into a target column's type. Values travel as text, so the rule is
 * coarse: the same family, or a target that takes any text, or a type the check does not know.
 */
final class TypeCheck {

    private static final Set<String> NUMBER = Set.of("int2", "int4", "int8", "numeric", "float4", "float8",
            "serial", "bigserial", "smallint", "integer", "bigint");
    private static final Set<String> TEXT = Set.of("text", "varchar", "bpchar", "name", "citext", "json");
    private static final Set<String> TIME = Set.of("timestamp", "timestamptz", "date");
    private static final Set<String> BOOL = Set.of("bool");

    private TypeCheck() {
    }

    static String family(String type) {
        if (type == null) {
            return "unknown";
        }
        if (NUMBER.contains(type)) {
            return "number";
        }
        if (TEXT.contains(type)) {
            return "text";
        }
        if (TIME.contains(type)) {
            return "time";
        }
        return BOOL.contains(type) ? "boolean" : "other:" + type;
    }

    static boolean compatible(String sourceType, String targetType) {
        String from = family(sourceType);
        String to = family(targetType);
        return from.equals(to) || to.equals("text") || from.equals("unknown") || to.equals("unknown")
                || from.equals("text") && !to.equals("boolean") && !to.equals("number") && !to.equals("time");
    }
}
