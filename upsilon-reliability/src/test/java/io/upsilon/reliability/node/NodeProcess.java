package io.upsilon.reliability.node;

import io.upsilon.testsupport.JavaProcess;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A running {@link ScenarioNode} seen from the test: its protocol lines, its exit, and the faults a scenario
 * injects ({@code kill -9}, {@code SIGSTOP}/{@code SIGCONT}). Closing it kills the process if it still runs.
 */
public final class NodeProcess implements AutoCloseable {

    /** How often a wait for a line checks whether the process is still alive. */
    private static final Duration SLICE = Duration.ofMillis(250);

    private final String id;
    private final JavaProcess process;

    private NodeProcess(String id, JavaProcess process) {
        this.id = id;
        this.process = process;
    }

    public static NodeProcess start(NodeOptions options) {
        return new NodeProcess(options.id(), JavaProcess.start(ScenarioNode.class, options.args()));
    }

    public String id() {
        return id;
    }

    /**
     * Waits for the next line starting with {@code prefix}; lines before it are skipped for later awaits. Gives up
     * early when the process has exited, once what it printed has been read.
     */
    public Optional<String> await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean exited = process.waitFor(Duration.ZERO).isPresent();
            // after an exit, one more slice lets the output reader deliver the last lines
            Optional<String> line = process.awaitLine(prefix, SLICE);
            if (line.isPresent() || exited) {
                return line;
            }
        }
        return Optional.empty();
    }

    /** Every line printed so far that starts with {@code prefix}, in order. */
    public List<String> lines(String prefix) {
        return output().lines().filter(l -> l.startsWith(prefix)).toList();
    }

    /** The first line printed so far that starts with {@code prefix}. */
    public Optional<String> first(String prefix) {
        return lines(prefix).stream().findFirst();
    }

    /**
     * Lines that report an error: the protocol's {@code ERROR} lines, an {@code ERROR}-level log line of
     * slf4j-simple, or an uncaught exception.
     */
    public List<String> errorLines() {
        return output().lines().filter(l -> l.startsWith("ERROR") || l.contains("] ERROR ")
                || l.startsWith("Exception in thread")).toList();
    }

    /** The epoch in ms of an {@code EVENT name epoch token} or {@code GO epoch} line. */
    public static long epochOf(String line) {
        String[] words = line.split(" ");
        return Long.parseLong(words[0].equals("GO") ? words[1] : words[2]);
    }

    /** The fencing token of an {@code EVENT name epoch token} line. */
    public static long tokenOf(String line) {
        return Long.parseLong(line.split(" ")[3]);
    }

    /** The exit code, or empty when the process did not exit within {@code timeout}. */
    public Optional<Integer> exit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout);
    }

    public void kill9() throws InterruptedException {
        process.kill9();
    }

    /** Sends a signal such as {@code STOP} or {@code CONT}. */
    public void signal(String name) throws Exception {
        process.signal(name);
    }

    public String output() {
        return process.output();
    }

    /** The last {@code n} lines printed, for violation messages that must stay readable. */
    public String tail(int n) {
        List<String> all = output().lines().toList();
        return id + " printed: " + String.join(" | ", all.subList(Math.max(0, all.size() - n), all.size()));
    }

    @Override
    public void close() {
        process.close();
    }
}
