package io.upsilon.migrate.internal;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.Row;
import io.upsilon.migrate.pg.PgChangeLog;
import io.upsilon.migrate.pg.PgSourceStore;
import io.upsilon.migrate.spi.Batch;
import io.upsilon.migrate.spi.Checkpoint;
import io.upsilon.migrate.spi.Position;
import io.upsilon.migrate.spi.TargetStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies a batch of captured changes to the target, entity by entity, a batch's writes in one target transaction
 * (an upsert of every written row) and its deletes in one statement.
 *
 * <p>An entity copied as it is (no transforms) whose columns all have a type the log gives in the source's own text
 * form ({@link #CARRIED}) is written from the values the changes carry, the last change of a key winning: no read of
 * the source. Any other entity, and a row whose new value the log leaves out (an unchanged TOASTed value), is read
 * again from the source by key, as it is now, and goes through the plan's transforms exactly as a copied row does; a
 * key the source no longer has is deleted from the target (and from split tables keyed by it). A change to a row
 * that a merge looks up re-copies the entity's rows that reference it. Either way, applying a change twice, or a
 * later state before an earlier change, ends in what the source holds once the log is drained. It remembers the
 * keys it touched, so a cut-over can verify exactly those.
 */
public final class ChangeApplier {

    /**
     * Source column types (as the JDBC driver names them) whose value Debezium hands over in a text form the target
     * parses to the same value: numbers (numeric as a string), text, booleans, uuids, JSON, and timestamptz (ISO 8601
     * with microseconds). Dates, times, {@code timestamp} and binary data come converted (epoch counts, milliseconds,
     * buffers): such entities are read again by key.
     */
    static final Set<String> CARRIED = Set.of("int2", "int4", "int8", "bool", "text", "varchar", "numeric", "uuid",
            "json", "jsonb", "float4", "float8", "timestamptz");
    /** What Debezium puts in place of a TOASTed value an update left unchanged (the log does not carry it). */
    private static final String UNAVAILABLE = "__debezium_unavailable_value";

    private final List<EntityPlan> plans;
    /** Entities written from the values the log carries, with their timestamptz columns. */
    private final Map<String, List<String>> carried = new HashMap<>();
    private final PgSourceStore source;
    private final TargetStore target;
    private final Map<String, AtomicLong> applied = new ConcurrentHashMap<>();
    private final Map<String, Set<List<String>>> touched = new ConcurrentHashMap<>();

    public ChangeApplier(List<EntityPlan> plans, PgSourceStore source, TargetStore target) {
        this.plans = plans;
        this.source = source;
        this.target = target;
        plans.forEach(p -> {
            List<io.upsilon.migrate.spi.Field> fields = source.describe(p.source());
            if (p.isIdentity() && fields.stream().allMatch(f -> CARRIED.contains(f.type()))) {
                carried.put(p.spec().name(), fields.stream().filter(f -> f.type().equals("timestamptz"))
                        .map(io.upsilon.migrate.spi.Field::name).toList());
            }
            applied.put(p.spec().name(), new AtomicLong());
            touched.put(p.spec().name(), ConcurrentHashMap.newKeySet());
        });
    }

    /** The source tables whose changes matter: the entities' own and those their merges look up. */
    public static Set<String> tables(List<EntityPlan> plans) {
        Set<String> tables = new LinkedHashSet<>();
        for (EntityPlan plan : plans) {
            tables.add(plan.spec().source());
            plan.merges().forEach(m -> tables.add(m.from()));
        }
        return tables;
    }

    /** Applies one batch; when it returns, the target has committed it. */
    public void apply(List<PgChangeLog.Change> changes) {
        for (EntityPlan plan : plans) {
            if (carried.containsKey(plan.spec().name())) {
                applyCarried(plan, changes);
                continue;
            }
            Set<List<String>> keys = new LinkedHashSet<>();
            String own = PgChangeLog.qualified(plan.spec().source());
            for (PgChangeLog.Change change : changes) {
                if (change.table().equals(own)) {
                    addKey(plan, change, keys);
                }
            }
            for (MergeStep merge : plan.merges()) {
                Set<List<String>> looked = new HashSet<>();
                for (PgChangeLog.Change change : changes) {
                    if (change.table().equals(PgChangeLog.qualified(merge.from()))) {
                        value(change.before(), merge.lookup()).ifPresent(v -> looked.add(List.of(v)));
                        value(change.after(), merge.lookup()).ifPresent(v -> looked.add(List.of(v)));
                    }
                }
                source.rowsWhere(plan.source(), List.of(merge.on()), looked)
                        .forEach(r -> keys.add(r.values(plan.spec().key())));
            }
            if (!keys.isEmpty()) {
                applyKeys(plan, keys);
            }
        }
    }

    /**
     * The values the changes carry, the last change of each key winning: rows to upsert, keys to delete, and keys
     * whose new row the log left out (read again).
     */
    private void applyCarried(EntityPlan plan, List<PgChangeLog.Change> changes) {
        List<String> keyFields = plan.spec().key();
        String own = PgChangeLog.qualified(plan.spec().source());
        Map<List<String>, Row> upserts = new LinkedHashMap<>();
        Set<List<String>> deletes = new LinkedHashSet<>();
        Set<List<String>> reread = new LinkedHashSet<>();
        for (PgChangeLog.Change change : changes) {
            if (!change.table().equals(own)) {
                continue;
            }
            List<String> oldKey = change.before().keySet().containsAll(keyFields)
                    ? keyFields.stream().map(change.before()::get).toList() : null;
            if (change.delete() && oldKey == null) {
                throw noKey(plan, change);
            }
            List<String> newKey = change.delete() ? null : keyFields.stream().map(change.after()::get).toList();
            if (oldKey != null && !oldKey.equals(newKey)) {
                upserts.remove(oldKey);
                reread.remove(oldKey);
                deletes.add(oldKey);
            }
            if (newKey != null) {
                deletes.remove(newKey);
                if (!carries(change.after(), carried.get(plan.spec().name()))) {
                    upserts.remove(newKey);
                    reread.add(newKey);
                } else {
                    reread.remove(newKey);
                    upserts.put(newKey, Row.of(change.after()));
                }
            }
        }
        if (!reread.isEmpty()) {
            Set<List<String>> found = new HashSet<>();
            for (Row row : source.rowsWhere(plan.source(), keyFields, reread)) {
                upserts.put(row.values(keyFields), row);
                found.add(row.values(keyFields));
            }
            reread.stream().filter(k -> !found.contains(k)).forEach(deletes::add);
        }
        write(plan, upserts.values(), deletes, upserts.size() + deletes.size());
        touched.get(plan.spec().name()).addAll(upserts.keySet());
        touched.get(plan.spec().name()).addAll(deletes);
    }

    /**
     * Whether the new row is all there as the source would give it: no value left out, and every timestamptz a
     * plain ISO date-time (Debezium turns {@code infinity} into a far-off date, which is read again instead).
     */
    private static boolean carries(Map<String, String> after, List<String> timestamps) {
        if (after.containsValue(UNAVAILABLE)) {
            return false;
        }
        for (String column : timestamps) {
            String v = after.get(column);
            if (v != null && (v.length() < 5 || !Character.isDigit(v.charAt(0)) || v.charAt(4) != '-')) {
                return false;
            }
        }
        return true;
    }

    private static void addKey(EntityPlan plan, PgChangeLog.Change change, Set<List<String>> keys) {
        List<String> keyFields = plan.spec().key();
        if (change.after().keySet().containsAll(keyFields)) {
            keys.add(keyFields.stream().map(change.after()::get).toList());
        }
        if (change.before().keySet().containsAll(keyFields)) {
            keys.add(keyFields.stream().map(change.before()::get).toList());
        } else if (change.delete()) {
            throw noKey(plan, change);
        }
    }

    private static UpsilonException noKey(EntityPlan plan, PgChangeLog.Change change) {
        return new UpsilonException(ErrorCode.BAD_INPUT, "entity " + plan.spec().name() + ": a delete in "
                + change.table() + " carries no " + plan.spec().key() + " (it has " + change.before().keySet() + ");"
                + " make the spec's key the table's primary key, or ALTER TABLE … REPLICA IDENTITY FULL");
    }

    private static java.util.Optional<String> value(Map<String, String> row, String field) {
        return java.util.Optional.ofNullable(row.get(field));
    }

    private void applyKeys(EntityPlan plan, Set<List<String>> keys) {
        List<String> key = plan.spec().key();
        List<Row> rows = source.rowsWhere(plan.source(), key, keys);
        Set<List<String>> gone = new LinkedHashSet<>(keys);
        rows.forEach(r -> gone.remove(r.values(key)));
        write(plan, rows, gone, keys.size());
        touched.get(plan.spec().name()).addAll(keys);
    }

    /** Rows in one target transaction with the entity's log checkpoint, then the deletes (split tables too). */
    private void write(EntityPlan plan, java.util.Collection<Row> rows, Set<List<String>> gone, long keys) {
        String name = plan.spec().name();
        List<String> key = plan.spec().key();
        long total = applied.get(name).addAndGet(keys);
        if (!rows.isEmpty()) {
            Map<String, List<String>> tableKeys = plan.keys();
            List<Batch> batches = new ArrayList<>();
            plan.transform(new ArrayList<>(rows)).forEach((table, out) -> batches.add(new Batch(table,
                    tableKeys.get(table), out)));
            target.write(batches, new Checkpoint(name + "/log", Position.START, total, Instant.now()));
        }
        if (!gone.isEmpty()) {
            List<List<String>> deleted = new ArrayList<>(gone);
            target.delete(plan.spec().target(), key, deleted);
            plan.splitKeysFromKey().forEach((table, from) -> target.delete(table, plan.keys().get(table),
                    deleted.stream().map(k -> from.stream().map(f -> k.get(key.indexOf(f))).toList()).toList()));
        }
    }

    /** Changes applied to the entity so far (keys written or deleted, counted per batch). */
    public long applied(String entity) {
        return applied.get(entity).get();
    }

    /** The keys the entity's changes touched since the last call, and forgets them. */
    public Set<List<String>> takeTouched(String entity) {
        Set<List<String>> keys = touched.get(entity);
        Set<List<String>> taken = new HashSet<>(keys);
        keys.removeAll(taken);
        return taken;
    }
}
