package io.upsilon.migrate.internal;

import io.upsilon.migrate.Row;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code split: {target: fees, key: [transfer_id], fields: {transfer_id: id, amount: fee}, remove: [fee]}}: from
 * each main row, also write a row into another target table, with its fields taken from the main row
 * ({@code targetField: sourceField}); {@code remove} then drops fields from the main row.
 */
record SplitStep(String entity, String table, List<String> key, Map<String, String> fields, List<String> remove)
        implements TransformStep {

    @Override
    public Set<String> check(Set<String> before) {
        fields.values().forEach(f -> FieldSteps.require(entity, "split into " + table, f, before));
        key.forEach(k -> {
            if (!fields.containsKey(k)) {
                throw FieldSteps.unknown(entity, "split into " + table + " (key)", k, fields.keySet());
            }
        });
        Set<String> after = new LinkedHashSet<>(before);
        for (String r : remove) {
            FieldSteps.require(entity, "split (remove)", r, before);
            after.remove(r);
        }
        return after;
    }

    @Override
    public void apply(List<Output> batch) {
        List<Output> side = new ArrayList<>();
        for (Output o : batch) {
            if (o.main()) {
                Row row = new Row();
                fields.forEach((to, from) -> row.put(to, o.row().get(from)));
                side.add(new Output(table, key, row, false));
                remove.forEach(o.row()::remove);
            }
        }
        batch.addAll(side);
    }
}
