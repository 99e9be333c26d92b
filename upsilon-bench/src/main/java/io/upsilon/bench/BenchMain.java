package io.upsilon.bench;

import java.util.Arrays;

/**
 * Entry point of the benchmark jar. Without a mode argument it runs the whole benchmark ({@link Harness}); the other
 * modes are the child processes the harness spawns, one fresh JVM per cold measurement.
 *
 * <p>This class refers to neither Upsilon nor Flyway directly, so a child only loads the classes of the side it
 * measures.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 || args[0].startsWith("--") ? "run" : args[0];
        String[] rest = args.length == 0 || args[0].startsWith("--") ? args : Arrays.copyOfRange(args, 1, args.length);
        switch (mode) {
            case "run" -> Harness.main(rest);
            case "cold-ours" -> OursSide.cold(rest);
            case "cold-flyway" -> FlywaySide.cold(rest);
            case "warm-ours" -> OursSide.warm(rest);
            case "warm-flyway" -> FlywaySide.warm(rest);
            case "profile-ours" -> OursSide.profile(rest);
            case "profile-flyway" -> FlywaySide.profile(rest);
            case "empty-jvm" -> System.out.println("ok=1");
            default -> {
                System.err.println("unknown mode '" + mode + "'; run without arguments for the whole benchmark, or see"
                        + " upsilon-bench/README.md");
                System.exit(2);
            }
        }
    }
}
