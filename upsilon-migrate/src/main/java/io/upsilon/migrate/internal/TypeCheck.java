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

    /**
     * Built-in types whose binary {@code COPY} form is the same in every database (no type OIDs of user types inside):
     * the source's binary output can go into a target column of exactly the same type.
     */
    private static final Set<String> BINARY_SAFE = Set.of("int2", "int4", "int8", "numeric", "float4", "float8",
            "text", "varchar", "bpchar", "bool", "date", "time", "timetz", "timestamp", "timestamptz", "interval",
            "bytea", "uuid", "json", "jsonb");

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

    /** Whether values of {@code sourceType} can go in binary form into a column of {@code targetType}. */
    static boolean sameBinary(String sourceType, String targetType) {
        if (sourceType == null || !sourceType.equals(targetType)) {
            return false;
        }
        String element = sourceType.startsWith("_") ? sourceType.substring(1) : sourceType; // arrays: _int4 …
        return BINARY_SAFE.contains(element);
    }
}
