package io.upsilon.reliability.move;

import io.upsilon.reliability.Tally;
import io.upsilon.testsupport.JavaProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * Starts the migrator ({@link MoveMain}) as its own process again and again and {@code kill -9}s it at a random
 * moment each time: after a random number of committed pages (the caller's bound spreads the kills over the first
 * copy and the catch-up runs after it) and a random 0 to 29 ms more, so kills land inside page writes, between
 * pages, in the key comparison of the deletes, and in the pause between runs. Every start resumes from the
 * checkpoints the killed one left. After each kill the checkpoints' row counters must not have shrunk (a page and
 * its checkpoint commit together).
 */
public final class MigratorKiller {

    /** How long one migrator may take to commit a page before the scenario gives up on it; generous on 2 cores. */
    private static final Duration PAGE_TIMEOUT = Duration.ofSeconds(90);

    private final Tally tally;
    private final Random random;
    private final String round;
    private int kills;
    private int killsInFirstCopy;
    private boolean firstCopyDone;
    private int movedBack;
    private long mostMovedBack;

    public MigratorKiller(Tally tally, Random random, String round) {
        this.tally = tally;
        this.random = random;
        this.round = round;
    }

    /**
     * Kills {@code times} migrators in turn, each after 1 to {@code maxPages} committed pages; returns false (after
     * recording a violation) if one stopped working.
     */
    public boolean killRepeatedly(Path spec, MoveFixture fixture, int times, int maxPages)
            throws InterruptedException {
        Map<String, Checkpoints.Mark> before = Checkpoints.read(fixture.target);
        firstCopyDone = false;
        for (int kill = 1; kill <= times; kill++) {
            int pages = 1 + random.nextInt(maxPages);
            int extraMillis = random.nextInt(30);
            String output;
            try (JavaProcess migrator = JavaProcess.start(MoveMain.class, spec.toString(), "100")) {
                for (int page = 0; page < pages; page++) {
                    String stalled = awaitPage(migrator);
                    if (stalled != null) {
                        tally.violation(round + ", migrator " + kill + ": " + stalled + "; its output: "
                                + tail(migrator.output()));
                        return false;
                    }
                }
                Thread.sleep(extraMillis);
                migrator.kill9();
                output = migrator.output();
            }
            kills++;
            boolean finishedARun = output.lines().anyMatch(l -> l.startsWith("RUN "));
            if (!firstCopyDone && !finishedARun) {
                killsInFirstCopy++;
            }
            firstCopyDone |= finishedARun;
            tally.check(!output.contains("Exception"), round + ", migrator " + kill + " failed before it was killed: "
                    + tail(output));
            Map<String, Checkpoints.Mark> after = Checkpoints.read(fixture.target);
            for (Map.Entry<String, Checkpoints.Mark> mark : before.entrySet()) {
                Checkpoints.Mark now = after.get(mark.getKey());
                // the rows counter only grows: a smaller one means a page's rows and checkpoint did not commit together
                tally.check(now != null && now.rows() >= mark.getValue().rows(), round + ", kill " + kill + ": the"
                        + " checkpoint of " + mark.getKey() + " went from " + mark.getValue() + " to " + now);
                long back = now == null ? 0 : now.millisBefore(mark.getValue());
                if (back > 0) {
                    movedBack++;
                    mostMovedBack = Math.max(mostMovedBack, back);
                }
            }
            System.out.printf("%s, kill %d after %d pages + %d ms: checkpoints %s%n", round, kill, pages,
                    extraMillis, after);
            before = after;
        }
        return true;
    }

    /** Waits for the next committed page; returns why there was none, or null. */
    private static String awaitPage(JavaProcess migrator) throws InterruptedException {
        long deadline = System.nanoTime() + PAGE_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (migrator.awaitLine("PROGRESS", Duration.ofSeconds(1)).isPresent()) {
                return null;
            }
            Optional<Integer> exit = migrator.waitFor(Duration.ZERO);
            if (exit.isPresent()) {
                return "it exited with " + exit.get() + " before it was killed";
            }
        }
        return "no page committed within " + PAGE_TIMEOUT.toSeconds() + " s";
    }

    /** Migrators killed so far. */
    public int kills() {
        return kills;
    }

    /** Whether one of the last {@link #killRepeatedly} migrators finished a whole run (the first copy is done). */
    public boolean firstCopyDone() {
        return firstCopyDone;
    }

    /** Of those, the ones killed before any migrator had finished its first full run (the initial copy). */
    public int killsInFirstCopy() {
        return killsInFirstCopy;
    }

    /**
     * How often an entity's checkpoint update time lay before the one the previous kill left: a resumed run re-reads
     * the spec's overlap and overwrites the checkpoint with positions inside it, so a migrator killed early in every
     * run can walk back instead of forward. Harmless for the rows (every write is idempotent), not for progress.
     */
    public int checkpointsMovedBack() {
        return movedBack;
    }

    /** The furthest such a step back went, in milliseconds of update time. */
    public long mostMovedBackMillis() {
        return mostMovedBack;
    }

    private static String tail(String output) {
        return output.length() <= 2_000 ? output : "…" + output.substring(output.length() - 2_000);
    }
}
