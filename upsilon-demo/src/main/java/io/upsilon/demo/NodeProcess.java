package io.upsilon.demo;

import io.upsilon.examples.transfers.TransferNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@link TransferNode} in a JVM of its own, started with this JVM's class path. Its output goes to
 * {@code <logDir>/<name>.log}.
 */
final class NodeProcess {

    private static final Pattern LISTENING = Pattern.compile("TRANSFERS-NODE LISTENING app=(\\d+) admin=(\\d+)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final String name;
    final String release;
    private final Process process;
    private final CompletableFuture<int[]> ports = new CompletableFuture<>();
    private final Path log;

    private NodeProcess(String name, String release, Process process, Path log) {
        this.name = name;
        this.release = release;
        this.process = process;
        this.log = log;
        Thread pump = new Thread(this::pump, "output-of-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    static NodeProcess start(String name, String release, String jdbcUrl, Path logDir) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String classPath = classPath();
        command.addAll(List.of("-Xmx160m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k"));
        command.addAll(NodeArchive.options(classPath));
        command.addAll(List.of("-cp", classPath, TransferNode.class.getName(), "--release", release, "--jdbc-url",
                jdbcUrl, "--port", "0", "--admin-port", "0", "--node-id", name));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new NodeProcess(name, release, p, logDir.resolve(name + "@" + release + ".log"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + name, e);
        }
    }

    /**
     * The class path the demo runs on: Surefire and Failsafe hide it behind a manifest-only jar (and say it in a
     * property), {@code mvn exec:java} in a class loader of its own; otherwise {@code java.class.path}.
     */
    static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        if (surefire != null && !surefire.isBlank()) {
            return surefire;
        }
        if (NodeProcess.class.getClassLoader() instanceof java.net.URLClassLoader loader
                && loader.getURLs().length > 0) {
            List<String> entries = new ArrayList<>();
            for (java.net.URL u : loader.getURLs()) {
                try {
                    entries.add(Path.of(u.toURI()).toString());
                } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                    // not a file: skip it
                }
            }
            return String.join(java.io.File.pathSeparator, entries);
        }
        return System.getProperty("java.class.path");
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8)); PrintWriter out = new PrintWriter(Files.newBufferedWriter(log), true)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                out.println(line);
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    ports.complete(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
                }
            }
        } catch (IOException e) {
            // the process is gone
        } finally {
            ports.completeExceptionally(new IllegalStateException("node " + name + " exited before listening; see "
                    + log));
        }
    }

    /** Waits until both ports listen; {app, admin}. */
    int[] awaitListening(Duration timeout) throws Exception {
        return ports.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether its port numbers are known yet (the node printed its LISTENING line). */
    boolean listening() {
        return ports.isDone() && !ports.isCompletedExceptionally();
    }

    int appPort() {
        return ports.join()[0];
    }

    int adminPort() {
        return ports.join()[1];
    }

    /** Whether {@code /health/ready} answers 200 now. */
    boolean ready() {
        if (!listening()) {
            return false;
        }
        try {
            HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort()
                    + "/health/ready")).timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Polls readiness until 200; false after {@code timeout}. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready()) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
            Thread.sleep(50);
        }
        return false;
    }

    /** SIGTERM and wait: the node finishes requests in flight and leaves the node table. */
    void stop(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** SIGKILL: what a careless rollout does to a node with requests in flight. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /**
     * The CPU time the node's process has used so far, in ms (-1 where the platform does not tell): at READY it is
     * what the node's start and warm-up took from the machine the serving nodes share.
     */
    long cpuMillis() {
        return process.info().totalCpuDuration().map(Duration::toMillis).orElse(-1L);
    }

    boolean alive() {
        return process.isAlive();
    }

    Path log() {
        return log;
    }

    @Override
    public String toString() {
        return name + "@" + release;
    }
}
