package io.upsilon.tenant;

import io.upsilon.ErrorCode;
import io.upsilon.ModuleId;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Upgrades every tenant of a module: the canary first, alone; then the rest in tenant-id order, {@code parallel} at a
 * time, stopping (no new tenant started) at the first failure unless told to go on.
 */
public final class TenantUpgrader {

    private final TenantModule module;

    public TenantUpgrader(TenantModule module) {
        this.module = module;
    }

    /**
     * What a run did: per tenant its result, and the tenants it did not touch because the run stopped.
     *
     * @param results the tenants called, in the order they were started
     * @param skipped the tenants not called
     */
    public record Report(List<TenantResult> results, List<TenantId> skipped) {

        public boolean failed() {
            return results.stream().anyMatch(r -> r.outcome() == TenantOutcome.FAILED);
        }
    }

    /** One line of a simulated run: what would happen to a tenant. */
    public record Step(TenantId tenant, Optional<Version> from, Version to, TenantOutcome expected) {
    }

    /** What {@link #upgrade} would do, changing nothing: each installed tenant, canary first, and its outcome. */
    public List<Step> simulate(ModuleId to, Optional<TenantId> canary) {
        Version target = target(to);
        List<Step> steps = new ArrayList<>();
        for (TenantRecord r : order(canary)) {
            TenantOutcome expected = r.version().equals(Optional.of(target)) ? TenantOutcome.UNCHANGED
                    : TenantOutcome.UPGRADED;
            steps.add(new Step(r.tenant(), r.version(), target, expected));
        }
        return steps;
    }

    public Report upgrade(ModuleId to, Optional<TenantId> canary, int parallel, boolean continueOnError) {
        if (parallel < 1) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--parallel must be at least 1, got " + parallel);
        }
        target(to);
        List<TenantRecord> tenants = order(canary);
        List<TenantResult> results = new ArrayList<>();
        List<TenantId> skipped = new ArrayList<>();
        int next = 0;
        if (canary.isPresent() && !tenants.isEmpty()) {
            TenantResult first = call(tenants.get(0), to);
            results.add(first);
            next = 1;
            if (first.outcome() == TenantOutcome.FAILED || first.outcome() == TenantOutcome.REJECTED) {
                // a canary that fails stops the whole run before any other tenant is touched
                tenants.subList(1, tenants.size()).forEach(t -> skipped.add(t.tenant()));
                return new Report(results, skipped);
            }
        }
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(parallel);
        try {
            List<Future<Optional<TenantResult>>> futures = new ArrayList<>();
            for (TenantRecord tenant : tenants.subList(next, tenants.size())) {
                futures.add(pool.submit(() -> {
                    if (stop.get()) {
                        return Optional.empty();
                    }
                    TenantResult r = call(tenant, to);
                    if (r.outcome() == TenantOutcome.FAILED && !continueOnError) {
                        stop.set(true);
                    }
                    return Optional.of(r);
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                Optional<TenantResult> r = futures.get(i).get();
                if (r.isPresent()) {
                    results.add(r.get());
                } else {
                    skipped.add(tenants.get(next + i).tenant());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpsilonException(ErrorCode.TASK_FAILED, "tenant upgrade interrupted", e);
        } catch (ExecutionException e) {
            throw new UpsilonException(ErrorCode.TASK_FAILED, "tenant upgrade failed: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
        return new Report(results, skipped);
    }

    private TenantResult call(TenantRecord tenant, ModuleId to) {
        Optional<ModuleId> from = tenant.version().map(v -> ModuleId.of(module.name(), v));
        return module.init(tenant.tenant(), from, to, Map.of());
    }

    private Version target(ModuleId to) {
        if (!to.name().equals(module.name()) || to.version().isEmpty()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--to must be a version of " + module.name() + ", got "
                    + to);
        }
        return to.version().get();
    }

    /** Installed tenants (an install that failed is not one), the canary first, then by id. */
    private List<TenantRecord> order(Optional<TenantId> canary) {
        List<TenantRecord> installed = new ArrayList<>(module.tenants().stream()
                .filter(r -> r.version().isPresent()).toList());
        if (canary.isPresent()) {
            TenantRecord first = installed.stream().filter(r -> r.tenant().equals(canary.get())).findFirst()
                    .orElseThrow(() -> new UpsilonException(ErrorCode.BAD_INPUT, "canary tenant " + canary.get()
                            + " has no " + module.name() + " installed; pick one of the installed tenants"));
            installed.remove(first);
            installed.add(0, first);
        }
        return installed;
    }
}
