package io.upsilon.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What one reliability scenario saw: how many runs it made, which of them broke an invariant, and the figures the
 * issue asks for (takeover time, lag at cut-over, ...). Thread-safe, since scenarios count from several threads.
 *
 * <p>{@link #report()} prints the one line every scenario ends with, {@code <scenario>: <runs> runs / <n>
 * violations; figure=value, ...}, and appends it to the results file named by {@code -Dupsilon.reliability.out}
 * (the build sets {@code target/reliability-<scale>.md}). The test then asserts {@link #violations()} is empty;
 * the tally never decides pass or fail by itself.
 */
public final class Tally {

    /** The system property naming the markdown file that {@link #report()} appends to; unset means print only. */
    public static final String OUT_PROPERTY = "upsilon.reliability.out";

    private final String scenario;
    private int runs;
    private final List<String> violations = new ArrayList<>();
    private final Map<String, String> figures = new LinkedHashMap<>();

    private Tally(String scenario) {
        this.scenario = scenario;
    }

    /** A new tally for {@code scenario}, a short name such as {@code races} or {@code crash/transactional}. */
    public static Tally of(String scenario) {
        return new Tally(scenario);
    }

    /** Counts one run of the scenario. */
    public synchronized void run() {
        runs++;
    }

    /** Records a broken invariant, described so that the failure message alone explains it. */
    public synchronized void violation(String description) {
        violations.add(description);
    }

    /** Records a violation described by {@code description} unless {@code holds}. */
    public synchronized void check(boolean holds, String description) {
        if (!holds) {
            violations.add(description);
        }
    }

    /** Sets a figure shown in the report line, e.g. {@code figure("takeover p50", "412 ms")}. */
    public synchronized void figure(String name, Object value) {
        figures.put(name, String.valueOf(value));
    }

    public synchronized int runs() {
        return runs;
    }

    public synchronized List<String> violations() {
        return List.copyOf(violations);
    }

    /** The report line: {@code races: 12 runs / 0 violations; double executions=0, ...}. */
    public synchronized String line() {
        String head = scenario + ": " + runs + " runs / " + violations.size() + " violations";
        if (figures.isEmpty()) {
            return head;
        }
        return head + "; " + figures.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    /** Prints {@link #line()} (and each violation) and appends it to the results file; returns this tally. */
    public Tally report() {
        String line = line();
        List<String> broken = violations();
        System.out.println("RELIABILITY " + line);
        broken.forEach(v -> System.out.println("  violation: " + v));
        String out = System.getProperty(OUT_PROPERTY);
        if (out != null && !out.isBlank()) {
            append(Path.of(out), "- " + Instant.now() + " [" + Scale.current().name().toLowerCase() + "] " + line
                    + System.lineSeparator());
        }
        return this;
    }

    private static synchronized void append(Path file, String text) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append the reliability result to " + file, e);
        }
    }
}
