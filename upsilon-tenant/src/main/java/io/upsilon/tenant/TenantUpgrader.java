package io.upsilon.tenant;

import io.upsilon.ErrorCode;
import io.upsilon.ModuleId;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.report.ErrorRow;
import io.upsilon.report.ReportText;
import io.upsilon.report.TextTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * Upgrades every enabled tenant of a module: the canary first, alone, then its check ("canary, then tests, then the
 * rest"); then the rest in tenant-id order, {@code parallel} at a time over a bounded pool, starting no new tenant
 * after the first failure (the ones running finish) unless told to go on. Disabled tenants are left alone: their
 * next enable upgrades them.
 */
public final class TenantUpgrader {

    private final TenantModule module;

    public TenantUpgrader(TenantModule module) {
        this.module = module;
    }

    /** Hears of each tenant of a run; called from the run's threads, so implementations must be thread-safe. */
    public interface Listener {

        /** Before any tenant starts: the tenants of the run, in order (the canary first). */
        default void planned(List<TenantId> tenants) {
        }

        /** A tenant's init starts. */
        default void started(TenantId tenant, Optional<Version> from) {
        }

        /** A tenant's init ended. */
        default void finished(TenantResult result) {
        }
    }

    /**
     * Why a run stopped at its canary.
     *
     * @param tenant      the canary
     * @param reason      the canary's own failure or refusal, or the check's verdict (one line)
     * @param checkFailed true when the canary's init succeeded and the check failed
     * @param rollback    the result of rolling the canary back after a failed check; empty when nothing was tried
     *                    (the init failed and was rolled back by itself, the canary was already at the version, or
     *                    the run installed it: there is no version to go back to, and it stays installed)
     * @param restored    whether the canary's data is back where it was before the run: false only when the check
     *                    failed and rolling it back did not bring it back ({@link #of} works it out)
     */
    public record CanaryFailure(TenantId tenant, String reason, boolean checkFailed, Optional<TenantResult> rollback,
                                boolean restored) {

        /** A failure whose {@link #restored} follows from the check and the rollback. */
        public static CanaryFailure of(TenantId tenant, String reason, boolean checkFailed,
                                       Optional<TenantResult> rollback) {
            return new CanaryFailure(tenant, reason, checkFailed, rollback, !checkFailed
                    || rollback.map(r -> r.outcome() == TenantOutcome.UPGRADED).orElse(true));
        }
    }

    /**
     * One line of a run's table: a tenant the run called, or one it skipped.
     *
     * @param tenant  the tenant
     * @param from    the version its call started from, or, for a skipped tenant, the version it stays at; empty for
     *                none
     * @param to      the version asked for
     * @param outcome the call's {@link TenantOutcome}, or {@code SKIPPED} for a tenant the run did not call
     * @param message the call's message, or why a tenant was skipped: "not touched: the canary failed" or "not
     *                touched: the run stopped"
     */
    public record Row(TenantId tenant, Optional<Version> from, Version to, String outcome, Optional<String> message) {

        /** The row of a call's result (or of a step of {@link TenantUpgrader#simulate}). */
        public static Row of(TenantResult r) {
            return new Row(r.tenant(), r.from(), r.to(), r.outcome().name(), r.message());
        }

        /**
         * The rows as a table, one line per row: TENANT, FROM, TO, OUTCOME and MESSAGE; for the steps of a
         * {@link TenantUpgrader#simulate simulation} ({@code simulated}) the last two are headed EXPECTED and NOTE.
         */
        public static TextTable table(List<Row> rows, boolean simulated) {
            TextTable table = new TextTable("TENANT", "FROM", "TO", simulated ? "EXPECTED" : "OUTCOME",
                    simulated ? "NOTE" : "MESSAGE");
            rows.forEach(r -> table.row(r.tenant(), r.from().orElse(null), r.to(), r.outcome(),
                    r.message().orElse(null)));
            return table;
        }
    }

    /**
     * A run as a record for JSON, as {@code upsilon tenant upgrade --json} prints it ({@link Report#view}).
     *
     * @param module          the module's name
     * @param to              the version the run brought the tenants to
     * @param canary          the canary, if one was given
     * @param parallel        how many tenants were upgraded at once after the canary
     * @param continueOnError whether the run went on after a failure
     * @param results         the tenants called, in the order they were started
     * @param skipped         the ids of the tenants not touched because the run stopped
     * @param canaryFailure   why the run stopped at the canary, if it did
     * @param error           the run's {@link Report#error() code} and {@link Report#failure() failure}; null when
     *                        every tenant called is at the version
     */
    public record View(String module, Version to, Optional<TenantId> canary, int parallel, boolean continueOnError,
                       List<TenantResult> results, List<String> skipped, Optional<CanaryFailure> canaryFailure,
                       ErrorRow error) {
    }

    /**
     * What a run did: per tenant its result, and the tenants it did not touch because the run stopped.
     *
     * @param to            the version the run brought the tenants to
     * @param results       the tenants called, in the order they were started (the canary's init first)
     * @param skipped       the registry rows of the tenants not called, as they were before the run and still are
     * @param canaryFailure why the run stopped at the canary, if it did
     */
    public record Report(Version to, List<TenantResult> results, List<TenantRecord> skipped,
                         Optional<CanaryFailure> canaryFailure) {

        /**
         * Every tenant of the run, for a table: the results in the order they were started, then the skipped tenants
         * in the run's order as {@code SKIPPED} rows that say why.
         */
        public List<Row> rows() {
            String why = canaryFailed() ? "not touched: the canary failed" : "not touched: the run stopped";
            List<Row> rows = new ArrayList<>(results.stream().map(Row::of).toList());
            skipped.forEach(r -> rows.add(new Row(r.tenant(), r.version(), to, "SKIPPED", Optional.of(why))));
            return rows;
        }

        /** Whether a tenant failed or was rejected, or the canary's check failed. */
        public boolean failed() {
            return canaryFailure.isPresent() || results.stream().anyMatch(r -> r.outcome() == TenantOutcome.FAILED
                    || r.outcome() == TenantOutcome.REJECTED);
        }

        /**
         * The error code of a run that left a tenant behind: {@code CANARY_FAILED}, {@code CANARY_REJECTED} or
         * {@code CANARY_CHECK_FAILED} when it stopped at the canary, else {@code TENANT_FAILED} when a tenant failed,
         * else {@code TENANT_REJECTED} when one was refused; empty when every tenant called is at the version.
         */
        public Optional<ErrorCode> error() {
            if (canaryFailure.isPresent()) {
                return Optional.of(canaryFailure.get().checkFailed() ? ErrorCode.CANARY_CHECK_FAILED
                        : results.get(0).outcome() == TenantOutcome.REJECTED ? ErrorCode.CANARY_REJECTED
                        : ErrorCode.CANARY_FAILED);
            }
            if (results.stream().anyMatch(r -> r.outcome() == TenantOutcome.FAILED)) {
                return Optional.of(ErrorCode.TENANT_FAILED);
            }
            return results.stream().anyMatch(r -> r.outcome() == TenantOutcome.REJECTED)
                    ? Optional.of(ErrorCode.TENANT_REJECTED) : Optional.empty();
        }

        /**
         * The one line on why a run left a tenant behind, with the remedy (fix the cause, run the upgrade again:
         * tenants already at the version stay UNCHANGED); empty when {@link #error()} is.
         */
        public Optional<String> failure() {
            if (canaryFailure.isPresent()) {
                return canaryMessage().map(m -> m + "; fix the cause and run the upgrade again");
            }
            List<TenantResult> bad = results.stream().filter(r -> !r.succeeded()).toList();
            if (bad.isEmpty()) {
                return Optional.empty();
            }
            TenantResult first = bad.get(0);
            String others = skipped.isEmpty() ? "" : "; " + skipped.size() + (skipped.size() == 1 ? " tenant"
                    : " tenants") + " skipped (not touched)";
            String who = bad.size() == 1 ? "tenant " + first.tenant() + " " + first.outcome()
                    : bad.size() + " tenants did not reach " + first.to() + " (" + bad.stream()
                    .map(r -> r.tenant() + " " + r.outcome()).collect(Collectors.joining(", ")) + "); the first";
            return Optional.of(who + ": " + first.message().orElse("") + others + "; fix the cause and run the"
                    + " upgrade of " + first.module() + " again (tenants already at " + first.to()
                    + " stay UNCHANGED)");
        }

        /** The run's outcomes counted: {@link TenantUpgrader#summary(List, int)} of its results and skipped tenants. */
        public String summary() {
            return TenantUpgrader.summary(results, skipped.size());
        }

        /**
         * The run in words, every line ended by a newline: the table of {@link #rows()} (indented by two blanks), the
         * tenants skipped, and the {@link #summary()}; when no tenant of {@code module} is installed, that and how to
         * install one.
         */
        public String describe(String module) {
            if (results.isEmpty() && skipped.isEmpty()) {
                return "No tenant has " + module + " installed; nothing to upgrade. Install one with 'upsilon tenant"
                        + " install --tenant ID --module " + module + "-" + to + "'.\n";
            }
            return Row.table(rows(), false).text("  ") + (skipped.isEmpty() ? "" : "Skipped (not touched): "
                    + skipped.stream().map(r -> r.tenant().value()).collect(Collectors.joining(", ")) + "\n")
                    + "Summary: " + summary() + ".\n";
        }

        /** This run of {@code module} with {@code options} as a record for JSON. */
        public View view(String module, TenantUpgradeOptions options) {
            return new View(module, to, options.canary(), options.parallel(), options.continueOnError(), results,
                    skipped.stream().map(r -> r.tenant().value()).toList(), canaryFailure,
                    error().map(code -> ErrorRow.of(code, failure().orElseThrow())).orElse(null));
        }

        /** Whether the run stopped at the canary, before any other tenant was touched. */
        public boolean canaryFailed() {
            return canaryFailure.isPresent();
        }

        /**
         * A sentence on why the run stopped at the canary and where the canary is now; empty when it did not stop
         * there.
         */
        public Optional<String> canaryMessage() {
            return canaryFailure.map(f -> {
                String others = "no other tenant was touched (" + skipped.size() + " skipped)";
                if (!f.checkFailed()) {
                    return "canary tenant " + f.tenant() + " " + f.reason() + "; " + others;
                }
                TenantResult up = results.get(0);
                String where = f.rollback().map(r -> r.outcome() == TenantOutcome.UPGRADED
                                ? "it was rolled back to " + r.to()
                                : "it could not be rolled back (" + r.outcome() + ": " + r.message().orElse("")
                                + "), so it stays at " + up.to() + " with its check failed")
                        .orElse(up.outcome() == TenantOutcome.CREATED ? "it was installed by the run and stays"
                                + " installed (purge it to remove it)"
                                : "it was already at " + up.to() + " before the run; nothing to roll back");
                return "the canary check of tenant " + f.tenant() + " failed after its upgrade to " + up.to() + ": "
                        + f.reason() + "; " + where + "; " + others;
            });
        }
    }

    /**
     * What {@link #upgrade} would do, changing nothing: each enabled tenant, canary first, as the result its call
     * would have: UNCHANGED for a tenant at the version, else UPGRADED; the message says what the simulation cannot
     * know without running the tasks (a downgrade is REJECTED instead when a task in between has no rollback).
     */
    public List<TenantResult> simulate(ModuleId to, Optional<TenantId> canary) {
        Version target = target(to);
        List<TenantResult> steps = new ArrayList<>();
        for (TenantRecord r : order(canary)) {
            TenantOutcome expected = r.version().equals(Optional.of(target)) ? TenantOutcome.UNCHANGED
                    : TenantOutcome.UPGRADED;
            steps.add(new TenantResult(r.tenant(), module.name(), r.version(), target, expected, r.version()
                    .filter(f -> f.isAfter(target))
                    .map(f -> "a downgrade: REJECTED instead if a task in between has no rollback")));
        }
        return steps;
    }

    /**
     * The steps of a {@link #simulate simulation} of an upgrade of {@code module} to {@code to} in words, every line
     * ended by a newline: that nothing changed, the steps as a table (indented by two blanks) and the outcomes
     * expected; or that no tenant has the module installed.
     */
    public static String describe(List<TenantResult> steps, String module, Version to, Optional<TenantId> canary) {
        if (steps.isEmpty()) {
            return "Simulated, nothing changed: no tenant has " + module + " installed, so an upgrade would do"
                    + " nothing.\n";
        }
        return "Simulated, nothing changed: an upgrade of " + module + " to " + to + " would run "
                + ReportText.plural(steps.size(), "tenant") + canary.map(c -> ", canary " + c + " first").orElse("")
                + ":\n" + Row.table(steps.stream().map(Row::of).toList(), true).text("  ")
                + "Expected: " + summary(steps, 0) + ".\n";
    }

    /**
     * How many tenants had each outcome, for a summary line: {@code 2 upgraded, 1 unchanged, 1 failed, 3 skipped}
     * (the outcomes that occurred, in the order UPGRADED, UNCHANGED, CREATED, REJECTED, FAILED, then the skipped
     * tenants), or {@code no tenant}.
     */
    public static String summary(List<TenantResult> results, int skipped) {
        List<String> parts = new ArrayList<>();
        for (TenantOutcome outcome : List.of(TenantOutcome.UPGRADED, TenantOutcome.UNCHANGED, TenantOutcome.CREATED,
                TenantOutcome.REJECTED, TenantOutcome.FAILED)) {
            long n = results.stream().filter(r -> r.outcome() == outcome).count();
            if (n > 0) {
                parts.add(n + " " + outcome.name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        if (skipped > 0) {
            parts.add(skipped + " skipped");
        }
        return parts.isEmpty() ? "no tenant" : String.join(", ", parts);
    }

    /** {@link #upgrade(ModuleId, TenantUpgradeOptions)} with a canary but no check and no listener. */
    public Report upgrade(ModuleId to, Optional<TenantId> canary, int parallel, boolean continueOnError) {
        return upgrade(to, TenantUpgradeOptions.builder().canary(canary).parallel(parallel)
                .continueOnError(continueOnError).build());
    }

    /**
     * Runs the upgrade.
     *
     * @throws UpsilonException {@code BAD_INPUT} when {@code to} is not a version of this module or the canary has
     *                          no enabled installation of it
     */
    public Report upgrade(ModuleId to, TenantUpgradeOptions options) {
        target(to);
        return run(order(options.canary()), to, options);
    }

    /**
     * Installs the module for the given tenants (new ones are CREATED; a tenant with data is upgraded from it, one at
     * the version is UNCHANGED, a disabled one is enabled again), the same way as {@link #upgrade}: the canary first,
     * then the rest {@code parallel} at a time, no new tenant after a failure unless told to go on.
     *
     * @throws UpsilonException {@code BAD_INPUT} when {@code to} is not a version of this module, a tenant is named
     *                          twice, or the canary is not one of {@code tenants}
     */
    public Report install(ModuleId to, List<TenantId> tenants, TenantUpgradeOptions options) {
        Version target = target(to);
        Map<TenantId, TenantRecord> known = new java.util.HashMap<>();
        module.tenants().forEach(r -> known.put(r.tenant(), r));
        List<TenantRecord> run = new ArrayList<>();
        java.util.Set<TenantId> seen = new java.util.HashSet<>();
        for (TenantId t : tenants) {
            if (!seen.add(t)) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "tenant " + t + " is named twice; name each once");
            }
            run.add(known.getOrDefault(t, new TenantRecord(t, module.name(), Optional.empty(), false,
                    TenantOutcome.CREATED, Optional.empty(), java.time.Instant.EPOCH)));
        }
        if (options.canary().isPresent()) {
            TenantRecord first = run.stream().filter(r -> r.tenant().equals(options.canary().get())).findFirst()
                    .orElseThrow(() -> new UpsilonException(ErrorCode.BAD_INPUT, "canary tenant "
                            + options.canary().get() + " is not one of the tenants to install " + target + " for"));
            run.remove(first);
            run.add(0, first);
        }
        return run(run, to, options);
    }

    private Report run(List<TenantRecord> tenants, ModuleId to, TenantUpgradeOptions options) {
        options.listener().planned(tenants.stream().map(TenantRecord::tenant).toList());
        List<TenantResult> results = new ArrayList<>();
        List<TenantRecord> skipped = new ArrayList<>();
        int next = 0;
        if (options.canary().isPresent() && !tenants.isEmpty()) {
            TenantRecord canary = tenants.get(0);
            TenantResult first = call(canary, to, options.listener());
            results.add(first);
            next = 1;
            Optional<CanaryFailure> failure = canary(first, options);
            if (failure.isPresent()) {
                skipped.addAll(tenants.subList(1, tenants.size()));
                return new Report(to.version().orElseThrow(), results, skipped, failure);
            }
        }
        Object gate = new Object();
        boolean[] stop = {false}; // guarded by gate: a tenant starts only while no failure has been seen
        ExecutorService pool = Executors.newFixedThreadPool(options.parallel());
        try {
            List<Future<Optional<TenantResult>>> futures = new ArrayList<>();
            for (TenantRecord tenant : tenants.subList(next, tenants.size())) {
                futures.add(pool.submit(() -> {
                    synchronized (gate) {
                        if (stop[0]) {
                            return Optional.empty();
                        }
                        options.listener().started(tenant.tenant(), tenant.version());
                    }
                    TenantResult r = init(tenant, to);
                    if (r.outcome() == TenantOutcome.FAILED && !options.continueOnError()) {
                        synchronized (gate) {
                            stop[0] = true;
                        }
                    }
                    options.listener().finished(r);
                    return Optional.of(r);
                }));
            }
            for (int i = 0; i < futures.size(); i++) {
                Optional<TenantResult> r = futures.get(i).get();
                if (r.isPresent()) {
                    results.add(r.get());
                } else {
                    skipped.add(tenants.get(next + i));
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
        return new Report(to.version().orElseThrow(), results, skipped, Optional.empty());
    }

    /** The canary's verdict: its own outcome, then the check; a failed check rolls it back. */
    private Optional<CanaryFailure> canary(TenantResult first, TenantUpgradeOptions options) {
        if (first.outcome() == TenantOutcome.FAILED || first.outcome() == TenantOutcome.REJECTED) {
            return Optional.of(CanaryFailure.of(first.tenant(), first.outcome() + ": " + first.message().orElse(""),
                    false, Optional.empty()));
        }
        if (options.canaryCheck().isEmpty()) {
            return Optional.empty();
        }
        Optional<String> verdict;
        try {
            verdict = options.canaryCheck().get().check(first);
        } catch (Exception e) {
            verdict = Optional.of("the check threw " + e);
        }
        if (verdict.isEmpty()) {
            return Optional.empty();
        }
        Optional<TenantResult> rollback = Optional.empty();
        Optional<Version> before = first.from();
        if (first.outcome() != TenantOutcome.UNCHANGED && before.isPresent()) {
            // a downgrade through the tasks' rollbacks; REJECTED when one has none, and then the canary stays
            rollback = Optional.of(module.init(first.tenant(), Optional.of(ModuleId.of(module.name(), first.to())),
                    ModuleId.of(module.name(), before.get()), Map.of()));
        }
        return Optional.of(CanaryFailure.of(first.tenant(), verdict.get(), true, rollback));
    }

    private TenantResult call(TenantRecord tenant, ModuleId to, Listener listener) {
        listener.started(tenant.tenant(), tenant.version());
        TenantResult result = init(tenant, to);
        listener.finished(result);
        return result;
    }

    private TenantResult init(TenantRecord tenant, ModuleId to) {
        Optional<ModuleId> from = tenant.version().map(v -> ModuleId.of(module.name(), v));
        return module.init(tenant.tenant(), from, to, Map.of());
    }

    private Version target(ModuleId to) {
        if (!to.name().equals(module.name()) || to.version().isEmpty()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "the target must be a version of " + module.name()
                    + ", got " + to);
        }
        return to.version().get();
    }

    /** Enabled, installed tenants (an install that failed is not one), the canary first, then by id. */
    private List<TenantRecord> order(Optional<TenantId> canary) {
        List<TenantRecord> installed = new ArrayList<>(module.tenants().stream()
                .filter(r -> r.version().isPresent() && r.enabled()).toList());
        if (canary.isPresent()) {
            TenantRecord first = installed.stream().filter(r -> r.tenant().equals(canary.get())).findFirst()
                    .orElseThrow(() -> new UpsilonException(ErrorCode.BAD_INPUT, "canary tenant " + canary.get()
                            + " has no enabled " + module.name() + " installed; pick one of the installed tenants"));
            installed.remove(first);
            installed.add(0, first);
        }
        return installed;
    }
}
