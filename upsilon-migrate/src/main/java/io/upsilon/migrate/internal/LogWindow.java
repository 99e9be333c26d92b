package io.upsilon.migrate.internal;

import io.upsilon.migrate.RunReport;
import io.upsilon.migrate.VerifyReport;
import io.upsilon.migrate.pg.PgSourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The window of a cut-over in log mode holds only the changes. Before it opens, a full verification runs while
 * changes still flow: what it finds different is either damage or a change in flight, and is verified again (by key)
 * inside the window together with every key the log touched from then on. Inside, the log is drained up to the
 * moment the window opened and those keys are verified by key: no table is scanned, so the window grows with the
 * changes, not the table. When the full verification found more than it can list, or a difference in a split table
 * not keyed by the entity's key, the window verifies in full.
 */
public final class LogWindow implements Cutover.WindowCheck {

    /** Keys listed per table by the full verification before a window, beyond which the window verifies fully. */
    private static final int SUSPECTS = 100_000;

    private final List<EntityPlan> plans;
    private final PgSourceStore source;
    private final TargetStore target;
    private final LogCapture log;
    /** Per entity, the keys to verify inside the window besides those the log touches; null: verify in full. */
    private Map<String, Set<List<String>>> suspects;

    public LogWindow(List<EntityPlan> plans, PgSourceStore source, TargetStore target, LogCapture log) {
        this.plans = plans;
        this.source = source;
        this.target = target;
        this.log = log;
    }

    @Override
    public void beforeWindow() {
        plans.forEach(p -> log.takeTouched(p.spec().name())); // covered by the full verification that starts now
        suspects = suspects(verifyAll(SUSPECTS));
    }

    @Override
    public RunReport finalRun() {
        return log.catchUp();
    }

    @Override
    public VerifyReport verify(int maxKeys) {
        if (suspects == null) {
            return verifyAll(maxKeys);
        }
        Verifier verifier = new Verifier(source, target);
        List<List<VerifyReport.Table>> perEntity = Parallel.forEach(plans, plan -> {
            Set<List<String>> keys = new HashSet<>(suspects.get(plan.spec().name()));
            keys.addAll(log.takeTouched(plan.spec().name()));
            return verifier.verifyKeys(plan, k -> source.rowsWhere(plan.source(), plan.spec().key(), k), keys,
                    maxKeys);
        });
        return new VerifyReport(perEntity.stream().flatMap(List::stream).toList());
    }

    private VerifyReport verifyAll(int maxKeys) {
        Verifier verifier = new Verifier(source, target);
        return new VerifyReport(Parallel.forEach(plans, plan -> verifier.verify(plan, maxKeys)).stream()
                .flatMap(List::stream).toList());
    }

    /** The entity keys of what the full verification found different, or null when it cannot name them all. */
    private Map<String, Set<List<String>>> suspects(VerifyReport full) {
        Map<String, Set<List<String>>> keys = new LinkedHashMap<>();
        plans.forEach(p -> keys.put(p.spec().name(), new HashSet<>()));
        for (VerifyReport.Table t : full.tables()) {
            if (t.mismatches() == 0) {
                continue;
            }
            if (t.missing().size() + t.extra().size() + t.different().size() < t.mismatches()) {
                return null;
            }
            EntityPlan plan = plans.stream().filter(p -> p.spec().name().equals(t.entity())).findFirst().orElseThrow();
            for (List<List<String>> kind : List.of(t.missing(), t.extra(), t.different())) {
                for (List<String> k : kind) {
                    List<String> entityKey = plan.entityKey(t.table(), k);
                    if (entityKey == null) {
                        return null;
                    }
                    keys.get(t.entity()).add(entityKey);
                }
            }
        }
        return keys;
    }
}
