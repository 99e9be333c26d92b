package io.upsilon.reliability.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A one-shot signal between the test and its node processes: the test {@linkplain #open opens} a gate by creating
 * its file, a node {@linkplain #await waits} until the file exists. Files rather than stdin because
 * {@code JavaProcess} only reads its children's output, and polling a local file every millisecond costs nothing
 * measurable while letting eight processes leave the gate within a few milliseconds of each other.
 */
public final class Gate {

    /** How long a node waits at a gate before giving up: far past any round, so only a broken test reaches it. */
    static final Duration MAX_WAIT = Duration.ofMinutes(5);

    private Gate() {
    }

    /** Opens the gate at {@code file}. */
    public static void open(Path file) {
        try {
            Files.writeString(file, "go");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open gate " + file, e);
        }
    }

    /**
     * Returns once the gate at {@code file} is open; a null file is an open gate.
     *
     * @throws IllegalStateException when the gate stays shut for {@link #MAX_WAIT}
     */
    static void await(Path file) {
        if (file == null) {
            return;
        }
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("gate " + file + " stayed shut for " + MAX_WAIT);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at gate " + file, e);
            }
        }
    }
}
