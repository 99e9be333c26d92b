package io.upsilon.reliability.node;

/**
 * The one-line protocol a {@link ScenarioNode} speaks on standard output, which the test reads through
 * {@code JavaProcess}: {@code ARMED}, {@code GO epochMillis}, {@code EVENT name epochMillis token},
 * {@code EXEC task token}, {@code IN_TASK task epochMillis}, {@code STEP task n}, {@code RESULT outcome version},
 * {@code ERROR code message}. Epochs are this machine's clock, shared by the test and all nodes.
 */
final class Say {

    private Say() {
    }

    /** Prints one protocol line at once, so a test that kills the node right after still saw it. */
    static synchronized void line(String text) {
        System.out.println(text);
        System.out.flush();
    }
}
