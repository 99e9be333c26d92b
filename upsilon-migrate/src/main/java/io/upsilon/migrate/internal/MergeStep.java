package io.upsilon.migrate.internal;

import io.upsilon.migrate.Row;
import io.upsilon.migrate.spi.Field;
import io.upsilon.migrate.spi.SourceEntity;
import io.upsilon.migrate.spi.SourceStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code merge: {from: quotes, on: quote_id, lookup: id, fields: {quote_amount: amount}}}: looks up, in the source
 * store, the row of {@code from} whose {@code lookup} field equals the main row's {@code on} field, and copies its
 * fields in ({@code newField: lookedUpField}); null when nothing matches. One lookup per batch, not per row.
 */
record MergeStep(String entity, SourceStore source, String from, String on, String lookup, Map<String, String> fields)
        implements TransformStep {

    @Override
    public Set<String> check(Set<String> before) {
        FieldSteps.require(entity, "merge", on, before);
        Set<String> available = source.describe(new SourceEntity("lookup:" + from, from, null, List.of(lookup),
                lookup)).stream().map(Field::name).collect(Collectors.toCollection(LinkedHashSet::new));
        FieldSteps.require(entity, "merge from " + from + " (lookup)", lookup, available);
        fields.values().forEach(f -> FieldSteps.require(entity, "merge from " + from, f, available));
        Set<String> after = new LinkedHashSet<>(before);
        after.addAll(fields.keySet());
        return after;
    }

    @Override
    public void apply(List<Output> batch) {
        Set<String> wanted = batch.stream().filter(Output::main).map(o -> o.row().get(on)).filter(Objects::nonNull)
                .collect(Collectors.toSet());
        Map<String, Row> found = source.lookup(from, lookup, wanted);
        for (Output o : batch) {
            if (o.main()) {
                Row match = found.get(o.row().get(on));
                fields.forEach((to, field) -> o.row().put(to, match == null ? null : match.get(field)));
            }
        }
    }
}
