package io.upsilon.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One round of one side of the {@code ready} benchmark: starts the node processes, waits until every one is built,
 * releases them at once, collects their protocol lines (see {@link ReadyNode}) until every node is READY or the
 * round times out, then ends them. Reports what the nodes said; judging it is the caller's job.
 */
final class ReadyRound {

    /** What the nodes of one round printed: epoch ms per node, and anything that went wrong. */
    record Result(Map<String, Long> starts, Map<String, Long> readies, Map<String, Long> taskEnds,
                  Map<String, Integer> executed, Map<String, Map<String, Long>> events, List<String> problems) {
    }

    private record Line(String node, String text) {
    }

    private ReadyRound() {
    }

    /**
     * Runs {@code nodes} processes of {@code mode} ({@code ready-ours} or {@code ready-flyway}) with arguments
     * {@code PORT DB NODE} followed by {@code extra}; their stderr is appended to {@code log}.
     */
    static Result run(String mode, int port, String db, int nodes, List<String> extra, Path log, long timeoutMillis)
            throws IOException, InterruptedException {
        BlockingQueue<Line> lines = new LinkedBlockingQueue<>();
        Map<String, Process> processes = new LinkedHashMap<>();
        List<Thread> readers = new ArrayList<>();
        for (int i = 1; i <= nodes; i++) {
            String node = "node-" + i;
            List<String> command = new ArrayList<>(Harness.javaCommand());
            command.addAll(List.of(mode, String.valueOf(port), db, node));
            command.addAll(extra);
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            processes.put(node, p);
            Thread reader = new Thread(() -> read(node, p, lines), "ready-reader-" + node);
            reader.setDaemon(true);
            reader.start();
            readers.add(reader);
        }
        Result result = new Result(new LinkedHashMap<>(), new LinkedHashMap<>(), new LinkedHashMap<>(),
                new LinkedHashMap<>(), new LinkedHashMap<>(), new ArrayList<>());
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            int loaded = 0;
            while (loaded < nodes) {
                Line line = next(lines, deadline);
                if (line == null) {
                    result.problems().add(mode + ": only " + loaded + " of " + nodes + " nodes were built in time");
                    return result;
                }
                loaded += line.text().equals("LOADED") ? 1 : 0;
                record(line, result);
            }
            // release them together: every JVM is up, so what follows measures the race and the wait only
            for (Process p : processes.values()) {
                OutputStream in = p.getOutputStream();
                in.write("go\n".getBytes(StandardCharsets.US_ASCII));
                in.flush();
            }
            while (result.readies().size() + countNotReady(result) < nodes) {
                Line line = next(lines, deadline);
                if (line == null) {
                    result.problems().add(mode + ": only " + result.readies().size() + " of " + nodes
                            + " nodes READY within " + timeoutMillis + " ms");
                    break;
                }
                record(line, result);
            }
        } finally {
            for (Process p : processes.values()) {
                try {
                    p.getOutputStream().close(); // stdin's end: the node shuts down
                } catch (IOException ignored) {
                    // already gone
                }
            }
            for (Map.Entry<String, Process> e : processes.entrySet()) {
                if (!e.getValue().waitFor(20, TimeUnit.SECONDS)) {
                    e.getValue().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                    result.problems().add(e.getKey() + " did not stop; killed");
                }
            }
            for (Thread reader : readers) {
                reader.join(2_000);
            }
            Line line;
            while ((line = lines.poll()) != null) {
                record(line, result);
            }
        }
        return result;
    }

    private static int countNotReady(Result result) {
        return (int) result.problems().stream().filter(p -> p.contains("NOT_READY") || p.contains("exited")).count();
    }

    private static Line next(BlockingQueue<Line> lines, long deadline) throws InterruptedException {
        long left = deadline - System.nanoTime();
        return left <= 0 ? null : lines.poll(left, TimeUnit.NANOSECONDS);
    }

    private static void read(String node, Process p, BlockingQueue<Line> lines) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            String text;
            while ((text = r.readLine()) != null) {
                lines.add(new Line(node, text.trim()));
            }
            int exit = p.waitFor();
            if (exit != 0) {
                lines.add(new Line(node, "EXIT " + exit));
            }
        } catch (IOException | InterruptedException e) {
            lines.add(new Line(node, "EXIT reader " + e.getMessage()));
        }
    }

    private static void record(Line line, Result result) {
        String[] f = line.text().split(" ");
        switch (f[0]) {
            case "START" -> result.starts().put(line.node(), Long.parseLong(f[1]));
            case "READY" -> result.readies().putIfAbsent(line.node(), Long.parseLong(f[1]));
            case "TASK_END" -> result.taskEnds().put(line.node(), Long.parseLong(f[1]));
            case "EXECUTED" -> result.executed().put(line.node(), Integer.parseInt(f[1]));
            case "EVENT" -> result.events().computeIfAbsent(line.node(), n -> new LinkedHashMap<>())
                    .putIfAbsent(f[1], Long.parseLong(f[2]));
            case "NOT_READY" -> result.problems().add(line.node() + " NOT_READY: " + line.text());
            case "EXIT" -> result.problems().add(line.node() + " exited early (" + line.text() + ")");
            default -> {
                // LOADED and anything a library prints to stdout
            }
        }
    }
}
