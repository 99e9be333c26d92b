package io.upsilon.config;

import java.io.IOException;
import java.io.Writer;

/**
 * Passes text on line by line with the {@link Secrets} masked. Buffering whole lines means a secret split across
 * two {@code write} calls is still caught. Closing flushes but leaves the target open: it belongs to the caller
 * (picocli's output, a service's log).
 */
public final class RedactingWriter extends Writer {

    private final Writer target;
    private final Secrets secrets;
    private final StringBuilder line = new StringBuilder();

    /** Writes to {@code target} with the secrets known to {@code secrets} at each line's end masked. */
    public RedactingWriter(Writer target, Secrets secrets) {
        this.target = target;
        this.secrets = secrets;
    }

    @Override
    public synchronized void write(char[] buffer, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            line.append(buffer[i]);
            if (buffer[i] == '\n') {
                drain();
            }
        }
    }

    @Override
    public synchronized void flush() throws IOException {
        drain();
        target.flush();
    }

    @Override
    public void close() throws IOException {
        flush();
    }

    private void drain() throws IOException {
        if (line.length() > 0) {
            target.write(secrets.redact(line.toString()));
            line.setLength(0);
        }
    }
}
