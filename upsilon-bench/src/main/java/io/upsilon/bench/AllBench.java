package io.upsilon.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The one command of issue 8 ({@code all} mode, or {@code bench/run}): runs every benchmark ({@link AllMode#all()})
 * in a fresh child JVM of its own, one after the other, each writing its markdown to a file of its own, then writes
 * {@code bench/results.md} at the repository root: a header (date, machine, JVM, PostgreSQL), a summary with one row
 * per goal as each benchmark stated it ({@link AllGoals}), and every section in full ({@link AllReport}). A mode that
 * fails or times out is reported as such in the summary, and the others still run. {@code --quick} gives each mode
 * its quick options, so the whole run takes minutes; its figures are for trying the command, not for the goals.
 */
final class AllBench {

    /** What one child run left: exit code (-1: timed out), wall time, its markdown (null if none) and log. */
    record Outcome(AllMode mode, List<String> command, int exit, long nanos, String markdown, Path log) {
        boolean ok() {
            return exit == 0 && markdown != null;
        }
    }

    private AllBench() {
    }

    static void main(String[] args) throws Exception {
        Options options = CommandLineOptions.parse(new Options(), args);
        boolean quick = options.quick;
        List<String> only = options.only;
        Path out = options.out;
        long timeoutMinutes = options.timeoutMinutes;
        List<AllMode> modes = new ArrayList<>();
        for (AllMode m : AllMode.all()) {
            if (only == null || only.contains(m.name())) {
                modes.add(m);
            }
        }
        if (modes.isEmpty()) {
            throw new IllegalArgumentException("--only names no mode; the modes are run, ready, fleet, copy, capture, rolling");
        }
        out = out != null ? out : repositoryRoot().resolve("bench").resolve("results.md");
        long timeout = TimeUnit.MINUTES.toNanos(timeoutMinutes > 0 ? timeoutMinutes : quick ? 30 : 120);
        Path work = Files.createTempDirectory("upsilon-bench-all-");
        AllReport report = new AllReport(quick, List.of(args));
        Harness.progress("all: " + modes.stream().map(AllMode::name).toList() + (quick ? " (quick)" : "")
                + "; each mode's output and log in " + work + "; results to " + out.toAbsolutePath());
        List<Outcome> outcomes = new ArrayList<>();
        for (AllMode m : modes) {
            outcomes.add(runChild(m, quick, work, timeout));
        }
        String markdown = report.markdown(outcomes);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, markdown, StandardCharsets.UTF_8);
        System.out.println(report.summaryOnly());
        Harness.progress("written to " + out.toAbsolutePath() + "; logs in " + work);
    }

    /** Command-line options of the {@code all} mode. */
    @Command(name = "all", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Every benchmark, each in a JVM of its own; writes bench/results.md.")
    static final class Options {
        @Option(names = "--quick", description = "each benchmark's quick options: minutes, for trying the command")
        boolean quick;
        @Option(names = "--only", split = ",", description = "a subset of: run, ready, fleet, copy, capture, rolling")
        List<String> only;
        @Option(names = "--out", description = "where to write (default: bench/results.md at the repository root)")
        Path out;
        @Option(names = "--timeout-minutes", description = "per benchmark (default: 120; 30 with --quick)")
        long timeoutMinutes = -1;
    }

    private static Outcome runChild(AllMode mode, boolean quick, Path work, long timeout) throws Exception {
        Path section = work.resolve(mode.name() + ".md");
        Path log = work.resolve(mode.name() + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-cp", jar().toString(), BenchMain.class.getName(), mode.name()));
        command.addAll(mode.args(quick, section.toString()));
        Harness.progress("all: " + String.join(" ", command.subList(4, command.size())));
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread pump = new Thread(() -> pump(p, mode.name(), log), "output-of-" + mode.name());
        pump.start();
        boolean done = p.waitFor(timeout, TimeUnit.NANOSECONDS);
        if (!done) {
            stop(p);
        }
        pump.join(TimeUnit.SECONDS.toMillis(10));
        long nanos = System.nanoTime() - t0;
        int exit = done ? p.exitValue() : -1;
        String markdown = Files.isRegularFile(section) ? Files.readString(section, StandardCharsets.UTF_8) : null;
        Harness.progress(String.format(java.util.Locale.ROOT, "all: %s %s after %.0f s", mode.name(),
                exit == 0 ? "done" : exit < 0 ? "TIMED OUT" : "FAILED (exit " + exit + ")", nanos / 1e9));
        return new Outcome(mode, command.subList(4, command.size()), exit, nanos, markdown, log);
    }

    /**
     * Ends a child that ran out of time, leaving nothing behind: SIGTERM first, to its own children (node JVMs) and to
     * it, so that its shutdown hooks run (the embedded PostgreSQL is stopped by one; its server is not a descendant
     * once started), then SIGKILL to whatever is still alive after 30 s.
     */
    private static void stop(Process p) throws InterruptedException {
        List<ProcessHandle> children = p.descendants().toList();
        children.forEach(ProcessHandle::destroy);
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** Copies the child's output to its log and, prefixed with the mode, to this process's stderr. */
    private static void pump(Process p, String name, Path log) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter file = new PrintWriter(Files.newBufferedWriter(log), true)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                file.println(line);
                System.err.println("  [" + name + "] " + line);
            }
        } catch (IOException e) {
            System.err.println("  [" + name + "] output lost: " + e.getMessage());
        }
    }

    /** The jar this class runs from: each child starts from it. */
    static Path jar() throws Exception {
        return Path.of(AllBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /** {@code <root>/upsilon-bench/target/upsilon-bench.jar} → {@code <root>}; otherwise the current directory. */
    static Path repositoryRoot() {
        try {
            Path root = jar().toAbsolutePath().getParent().getParent().getParent();
            if (Files.isRegularFile(root.resolve("pom.xml")) && Files.isDirectory(root.resolve("upsilon-bench"))) {
                return root;
            }
        } catch (Exception e) {
            // not run from the build tree
        }
        return Path.of("").toAbsolutePath();
    }
}
