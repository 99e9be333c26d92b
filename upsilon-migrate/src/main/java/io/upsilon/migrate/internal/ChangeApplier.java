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
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies a batch of captured changes to the target, entity by entity. A change names a row by its key; the row is
 * read again from the source as it is now and goes through the plan's transforms exactly as a copied row does, then
 * is written by key; a key the source no longer has is deleted from the target (and from split tables keyed by it).
 * Applying a change twice, or a later state before an earlier change, therefore ends in the same target: what the
 * source holds. A change to a row that a merge looks up re-copies the entity's rows that reference it.
 * It remembers the keys it touched, so a cut-over can verify exactly those.
 */
public final class ChangeApplier {

    private final List<EntityPlan> plans;
    private final PgSourceStore source;
    private final TargetStore target;
    private final Map<String, AtomicLong> applied = new ConcurrentHashMap<>();
    private final Map<String, Set<List<String>>> touched = new ConcurrentHashMap<>();

    public ChangeApplier(List<EntityPlan> plans, PgSourceStore source, TargetStore target) {
        this.plans = plans;
        this.source = source;
        this.target = target;
        plans.forEach(p -> {
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

    private static void addKey(EntityPlan plan, PgChangeLog.Change change, Set<List<String>> keys) {
        List<String> keyFields = plan.spec().key();
        if (change.after().keySet().containsAll(keyFields)) {
            keys.add(keyFields.stream().map(change.after()::get).toList());
        }
        if (change.before().keySet().containsAll(keyFields)) {
            keys.add(keyFields.stream().map(change.before()::get).toList());
        } else if (change.delete()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "entity " + plan.spec().name() + ": a delete in "
                    + change.table() + " carries no " + keyFields + " (it has " + change.before().keySet() + ");"
                    + " make the spec's key the table's primary key, or ALTER TABLE … REPLICA IDENTITY FULL");
        }
    }

    private static java.util.Optional<String> value(Map<String, String> row, String field) {
        return java.util.Optional.ofNullable(row.get(field));
    }

    private void applyKeys(EntityPlan plan, Set<List<String>> keys) {
        String name = plan.spec().name();
        List<String> key = plan.spec().key();
        List<Row> rows = source.rowsWhere(plan.source(), key, keys);
        Set<List<String>> gone = new LinkedHashSet<>(keys);
        rows.forEach(r -> gone.remove(r.values(key)));
        long total = applied.get(name).addAndGet(keys.size());
        if (!rows.isEmpty()) {
            Map<String, List<String>> tableKeys = plan.keys();
            List<Batch> batches = new ArrayList<>();
            plan.transform(rows).forEach((table, out) -> batches.add(new Batch(table, tableKeys.get(table), out)));
            target.write(batches, new Checkpoint(name + "/log", Position.START, total, Instant.now()));
        }
        if (!gone.isEmpty()) {
            List<List<String>> deleted = new ArrayList<>(gone);
            target.delete(plan.spec().target(), key, deleted);
            plan.splitKeysFromKey().forEach((table, from) -> target.delete(table, plan.keys().get(table),
                    deleted.stream().map(k -> from.stream().map(f -> k.get(key.indexOf(f))).toList()).toList()));
        }
        touched.get(name).addAll(keys);
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
