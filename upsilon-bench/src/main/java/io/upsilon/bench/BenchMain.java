package io.upsilon.bench;

import java.util.Arrays;

/**
 * Entry point of the benchmark jar. Without a mode argument it runs the no-op start-up benchmark ({@link Harness});
 * {@code copy} runs the side-by-side copy benchmark ({@link CopyBench}); the other modes are the child processes the
 * start-up harness spawns, one fresh JVM per cold measurement.
 *
 * <p>This class refers to neither Upsilon nor Flyway directly, so a child only loads the classes of the side it
 * measures.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            // a usage error: one line naming the option and the remedy, not a stack trace
            System.err.println("upsilon-bench: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) throws Exception {
        String mode = args.length == 0 || args[0].startsWith("--") ? "run" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("--") ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (mode) {
            case "run" -> Harness.main(rest);
            case "copy" -> CopyBench.main(rest);
            case "capture" -> CaptureBench.main(rest);
            case "script" -> ScriptBench.main(rest);
            case "ready" -> ReadyBench.main(rest);
            case "ready-ours" -> ReadyOursNode.main(rest);
            case "ready-flyway" -> ReadyFlywayNode.main(rest);
            case "fleet" -> FleetBench.main(rest);
            case "rolling" -> RollingBench.main(rest);
            case "tenants" -> TenantBench.main(rest);
            case "release-planner" -> ReleasePlannerBench.main(rest);
            case "all" -> AllBench.main(rest);
            case "cold-ours" -> Side.cold(new OursSide(), rest);
            case "cold-flyway" -> Side.cold(new FlywaySide(), rest);
            case "cold-liquibase" -> Side.cold(new LiquibaseSide(), rest);
            case "warm-ours" -> Side.warm(new OursSide(), rest);
            case "warm-flyway" -> Side.warm(new FlywaySide(), rest);
            case "warm-liquibase" -> Side.warm(new LiquibaseSide(), rest);
            case "profile-ours" -> Side.profile(new OursSide(), rest);
            case "profile-flyway" -> Side.profile(new FlywaySide(), rest);
            case "profile-liquibase" -> Side.profile(new LiquibaseSide(), rest);
            case "apply-ours" -> Side.apply(new OursSide(), rest);
            case "apply-flyway" -> Side.apply(new FlywaySide(), rest);
            case "apply-liquibase" -> Side.apply(new LiquibaseSide(), rest);
            case "empty-jvm" -> System.out.println("ok=1");
            default -> {
                System.err.println("unknown mode '" + mode + "'; run without arguments for the whole benchmark, or see"
                        + " upsilon-bench/README.md (modes: run, ready, fleet, copy, rolling, all; each takes --help)");
                System.exit(2);
            }
        }
    }
}
