package io.upsilon.testsupport;

import java.util.Random;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * The one source of random choices in Upsilon's tests, so that a failing run can be replayed. A test run has one
 * seed: the system property {@value #PROPERTY} (or, as older scripts give it, {@code upsilon.reliability.seed}), else
 * the clock at first use. It is printed once, when first used, and {@link Report} adds it to the failure of every test
 * that fails after it was used. {@code -Dupsilon.seed=N} then repeats every choice of the failing run: a kill moment,
 * a row order, a fault.
 *
 * <p>Each purpose draws from its own stream ({@link #random(String)}), derived from the seed and the purpose's name,
 * so a random choice added to one test does not shift another's.
 */
public final class Seeds {

    /** The system property that replays a run. */
    public static final String PROPERTY = "upsilon.seed";

    private static final long SEED = initial();
    private static volatile boolean used;

    private Seeds() {
    }

    private static long initial() {
        Long given = Long.getLong(PROPERTY, Long.getLong("upsilon.reliability.seed"));
        return given != null ? given : System.nanoTime();
    }

    /** The run's seed; the first call prints it. */
    public static long seed() {
        if (!used) {
            used = true;
            System.out.println("random choices: " + replay());
        }
        return SEED;
    }

    /** A random stream for one purpose (a class, a thread, a kind of choice), the same for the same seed. */
    public static Random random(String purpose) {
        return new Random(seed() * 31 + purpose.hashCode());
    }

    /** "seed N (replay: -Dupsilon.seed=N)", for assertion messages. */
    public static String replay() {
        return "seed " + SEED + " (replay: -D" + PROPERTY + "=" + SEED + ")";
    }

    /**
     * Adds the seed to a failing test's error (as a suppressed note, so the report shows it next to the failure),
     * when the run drew random choices. Register it with {@code @ExtendWith(Seeds.Report.class)}.
     */
    public static final class Report implements TestExecutionExceptionHandler {

        @Override
        public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
            if (used) {
                failure.addSuppressed(new SeedNote(context.getDisplayName() + " drew random choices from "
                        + replay()));
            }
            throw failure;
        }
    }

    /** The note a failure carries: only its message matters. */
    static final class SeedNote extends RuntimeException {
        SeedNote(String message) {
            super(message, null, false, false);
        }
    }
}
