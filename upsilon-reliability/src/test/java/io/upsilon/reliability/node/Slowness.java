package io.upsilon.reliability.node;

import java.nio.file.Path;

/**
 * How slowly the scenario tasks of this process run, set once by {@link ScenarioNode#main} before any task starts.
 * The defaults (no gate, no sleeps) are what a clean run and a successor use, in a node process or in the test JVM.
 */
final class Slowness {

    private static volatile Path taskGate;
    private static volatile long stepMillis;
    private static volatile long tailMillis;

    private Slowness() {
    }

    static void set(Path gate, long step, long tail) {
        taskGate = gate;
        stepMillis = step;
        tailMillis = tail;
    }

    /** Announces that {@code task} has started and holds the lock, then waits at the task gate, if any. */
    static void announce(String task) {
        Say.line("IN_TASK " + task + " " + System.currentTimeMillis());
        Gate.await(taskGate);
    }

    /** Reports that step {@code n} of {@code task} is done, then sleeps the step time. */
    static void stepDone(String task, int n) throws InterruptedException {
        Say.line("STEP " + task + " " + n);
        Thread.sleep(stepMillis);
    }

    /** Sleeps the tail time: a victim's last steps are done but it has not returned, so it cannot commit yet. */
    static void tail() throws InterruptedException {
        Thread.sleep(tailMillis);
    }
}
