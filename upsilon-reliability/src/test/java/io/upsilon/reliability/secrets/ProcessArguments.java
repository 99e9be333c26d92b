package io.upsilon.reliability.secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads the argument vector ({@code /proc/<pid>/cmdline}) of every process on the machine, over and over while a
 * pass runs, and keeps each one that holds a canary. What {@code ps} shows is what it reads, so our JVMs (the
 * sidecar, the CLI, the driver) and anything they start are covered, and the PostgreSQL backends too. It also
 * remembers which process ids it saw, so the test can show that its own processes were really looked at, and
 * whether it found the control: a short-lived process started with a canary of its own among its arguments, which
 * the scan must find or it could not find a leak either.
 */
final class ProcessArguments implements AutoCloseable {

    private final List<Canary> canaries;
    private final Canary control;
    private final Process controlProcess;
    private volatile boolean controlFound;
    private final Set<Long> seen = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> leaks = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int scans;

    ProcessArguments(List<Canary> canaries) {
        this.canaries = canaries;
        this.control = Canary.random("control", true);
        try {
            // sh's $0 is the control canary: it shows in the argument vector without reaching any shell parsing
            this.controlProcess = new ProcessBuilder("sh", "-c", "sleep 5", control.password()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the control process", e);
        }
        this.thread = new Thread(this::loop, "cmdline-scan");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        while (running) {
            scan();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One look at every process now running. */
    void scan() {
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                read(proc);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc: this scenario needs Linux", e);
        }
        scans++;
    }

    private void read(Path proc) {
        byte[] raw;
        try {
            raw = Files.readAllBytes(proc.resolve("cmdline"));
        } catch (IOException e) {
            return; // the process ended between listing and reading
        }
        long pid = Long.parseLong(proc.getFileName().toString());
        seen.add(pid);
        String args = new String(raw, StandardCharsets.UTF_8).replace('\0', ' ');
        if (control.count(args) > 0) {
            controlFound = true;
        }
        int found = canaries.stream().mapToInt(c -> c.count(args)).sum();
        if (found > 0) {
            String masked = args;
            for (Canary c : canaries) {
                masked = c.mask(masked);
            }
            leaks.put("pid " + pid + ": " + masked, found);
        }
    }

    /** Whether the scan found the control process's canary: if not, it could not find a leak either. */
    boolean controlFound() {
        return controlFound;
    }

    boolean saw(long pid) {
        return seen.contains(pid);
    }

    int scans() {
        return scans;
    }

    /** Each process (its id and masked arguments) whose arguments held a canary, with how many copies. */
    Map<String, Integer> leaks() {
        return Map.copyOf(leaks);
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        controlProcess.destroyForcibly();
        thread.interrupt();
        thread.join(2_000);
    }
}
