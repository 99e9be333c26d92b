package io.upsilon.migrate.internal;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.MigrationSpec.EntitySpec;
import io.upsilon.migrate.Row;
import io.upsilon.migrate.spi.Field;
import io.upsilon.migrate.spi.SourceEntity;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One entity type, checked against both stores before any row moves: the source has the key and update-time
 * fields, every transform finds the fields it names, every field the transforms produce has a column in the target
 * table, the key columns exist there, and the types fit. Then it turns a page of source rows into target rows.
 */
public final class EntityPlan {

    private final EntitySpec spec;
    private final SourceEntity source;
    private final List<TransformStep> steps;
    private final List<String> sourceFields;
    private boolean sameBuiltInTypes;
    private final Map<String, Set<String>> fieldsByTable = new LinkedHashMap<>();

    private EntityPlan(EntitySpec spec, SourceEntity source, List<String> sourceFields, List<TransformStep> steps) {
        this.spec = spec;
        this.sourceFields = List.copyOf(sourceFields);
        this.source = source;
        this.steps = steps;
    }

    /**
     * Checks an entity against the stores.
     *
     * @throws UpsilonException {@code BAD_INPUT} naming the entity and the field
     */
    public static EntityPlan compile(EntitySpec spec, SourceStore sourceStore, TargetStore targetStore,
                                     ClassLoader loader) {
        SourceEntity source = new SourceEntity(spec.name(), spec.source(), spec.query(), spec.key(),
                spec.updatedAt());
        List<Field> sourceFields = sourceStore.describe(source);
        Map<String, String> types = new LinkedHashMap<>();
        sourceFields.forEach(f -> types.put(f.name(), f.type()));
        for (String needed : concat(spec.key(), List.of(spec.updatedAt()))) {
            if (!types.containsKey(needed)) {
                throw bad(spec, "source has no field '" + needed + "' (it has " + types.keySet() + ")");
            }
        }
        StepParser parser = new StepParser(spec.name(), sourceStore, loader);
        List<TransformStep> steps = new ArrayList<>();
        for (int i = 0; i < spec.steps().size(); i++) {
            steps.add(parser.parse(spec.steps().get(i), i));
        }
        EntityPlan plan = new EntityPlan(spec, source, sourceFields.stream().map(Field::name).toList(), steps);
        Set<String> fields = new LinkedHashSet<>(types.keySet());
        for (TransformStep step : steps) {
            if (step instanceof FieldSteps.Rename r && spec.key().contains(r.from())) {
                throw bad(spec, "rename of key field '" + r.from() + "' is not supported: source and target keys"
                        + " share names");
            }
            fields = step.check(fields);
            if (step instanceof FieldSteps.Rename r) {
                types.put(r.to(), types.remove(r.from()));
            }
            if (step instanceof SplitStep split) {
                Map<String, String> sideTypes = new HashMap<>();
                split.fields().forEach((to, from) -> sideTypes.put(to, types.get(from)));
                plan.checkTarget(targetStore, split.table(), split.key(), split.fields().keySet(), sideTypes);
            }
        }
        plan.checkTarget(targetStore, spec.target(), spec.key(), fields, types);
        Map<String, String> targetTypes = targetStore.describe(spec.target()).stream()
                .collect(Collectors.toMap(Field::name, Field::type, (a, b) -> a));
        plan.sameBuiltInTypes = steps.isEmpty() && sourceFields.stream()
                .allMatch(f -> TypeCheck.sameBinary(f.type(), targetTypes.get(f.name())));
        return plan;
    }

    private void checkTarget(TargetStore target, String table, List<String> key, Set<String> fields,
                             Map<String, String> types) {
        Map<String, String> columns = target.describe(table).stream()
                .collect(Collectors.toMap(Field::name, Field::type, (a, b) -> a, LinkedHashMap::new));
        for (String k : key) {
            if (!columns.containsKey(k)) {
                throw bad(spec, "key column '" + k + "' is missing from target table " + table);
            }
        }
        for (String field : fields) {
            if (!columns.containsKey(field)) {
                throw bad(spec, "field '" + field + "' has no column in target table " + table + "; drop or rename"
                        + " it (the table has " + columns.keySet() + ")");
            }
            if (!TypeCheck.compatible(types.get(field), columns.get(field))) {
                throw bad(spec, "field '" + field + "' is " + types.get(field) + " in the source but "
                        + columns.get(field) + " in target table " + table + "; add a transform or fix the schema");
            }
        }
        fieldsByTable.merge(table, new LinkedHashSet<>(fields), (a, b) -> {
            a.addAll(b);
            return a;
        });
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static UpsilonException bad(EntitySpec spec, String message) {
        return new UpsilonException(ErrorCode.BAD_INPUT, "entity " + spec.name() + ": " + message);
    }

    /** Transforms a page of source rows into target rows, grouped by target table. */
    public Map<String, List<Row>> transform(List<Row> page) {
        List<Output> batch = new ArrayList<>(page.size());
        for (Row row : page) {
            batch.add(new Output(spec.target(), spec.key(), row.copy(), true));
        }
        for (TransformStep step : steps) {
            step.apply(batch);
        }
        Map<String, List<Row>> byTable = new LinkedHashMap<>();
        for (Output o : batch) {
            byTable.computeIfAbsent(o.table(), t -> new ArrayList<>()).add(o.row());
        }
        return byTable;
    }

    /**
     * Whether the plan is the identity: no transforms, so every source row is written as it is into the one target
     * table (whose columns were checked to hold every source field), and pages can pass through without being parsed.
     */
    public boolean isIdentity() {
        return steps.isEmpty();
    }

    /**
     * Whether the plan is the identity and every source field has a target column of exactly its type, a built-in
     * one: then values can move in PostgreSQL's binary form, which needs no formatting or parsing.
     */
    public boolean sameBuiltInTypes() {
        return sameBuiltInTypes;
    }

    /** The source's fields, in its order. */
    public List<String> sourceFields() {
        return sourceFields;
    }

    public EntitySpec spec() {
        return spec;
    }

    public SourceEntity source() {
        return source;
    }

    /** The key fields of each target table this entity writes. */
    public Map<String, List<String>> keys() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put(spec.target(), spec.key());
        steps.stream().filter(SplitStep.class::isInstance).map(SplitStep.class::cast)
                .forEach(s -> keys.put(s.table(), s.key()));
        return keys;
    }

    /** The source tables the merges look rows up in, each with its (on, lookup) fields. */
    List<MergeStep> merges() {
        return steps.stream().filter(MergeStep.class::isInstance).map(MergeStep.class::cast).toList();
    }

    /**
     * For each split table whose key is made only of the entity's key fields, how to derive that key from the
     * entity's key (split key field to source key field): what deleting a source row by its key also deletes.
     */
    Map<String, List<String>> splitKeysFromKey() {
        Map<String, List<String>> derived = new LinkedHashMap<>();
        steps.stream().filter(SplitStep.class::isInstance).map(SplitStep.class::cast).forEach(s -> {
            List<String> from = s.key().stream().map(k -> s.fields().get(k)).toList();
            if (spec.key().containsAll(from)) {
                derived.put(s.table(), from);
            }
        });
        return derived;
    }

    /**
     * The entity's key of a row of one of its target tables, given that row's key: the same for its own table, derived
     * for a split table keyed by the entity's key fields; null when it cannot be derived.
     */
    public List<String> entityKey(String table, List<String> tableKey) {
        if (table.equals(spec.target())) {
            return tableKey;
        }
        List<String> from = splitKeysFromKey().get(table);
        if (from == null || !from.containsAll(spec.key())) {
            return null;
        }
        return spec.key().stream().map(k -> tableKey.get(from.indexOf(k))).toList();
    }

    /** The fields this entity writes into each target table (what verification compares). */
    public Map<String, Set<String>> fieldsByTable() {
        return fieldsByTable;
    }
}
