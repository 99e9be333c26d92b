package io.upsilon.reliability.secrets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A separate JVM running a main class on the test class path with extra environment variables (the passwords: the
 * documented way to hand them over) and slf4j-simple at DEBUG. Its stdout and stderr are collected together.
 */
final class Jvm implements AutoCloseable {

    private final String name;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private Jvm(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reader = new Thread(this::pump, "output-of-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    static Jvm start(String name, Class<?> mainClass, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=debug", "-cp", classPath(), mainClass.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            return new Jvm(name, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** The test class path; Failsafe may hide it behind a manifest-only jar. */
    private static String classPath() {
        String failsafe = System.getProperty("surefire.test.class.path");
        return failsafe != null && !failsafe.isBlank() ? failsafe : System.getProperty("java.class.path");
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process is gone; what it printed so far is kept
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Every line printed so far. */
    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The first printed line matching {@code prefix} within {@code timeout}, or empty. */
    Optional<String> awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<String> line = lines.stream().filter(l -> l.startsWith(prefix)).findFirst();
            if (line.isPresent() || !process.isAlive()) {
                return line;
            }
            Thread.sleep(20);
        }
        return Optional.empty();
    }

    /** Waits for the exit and for the last output line; empty when it did not exit in time. */
    Optional<Integer> waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            return Optional.empty();
        }
        reader.join(5_000);
        return Optional.of(process.exitValue());
    }

    /** SIGTERM, as an orchestrator stops a sidecar: shutdown hooks run. */
    void terminate() {
        process.destroy();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
