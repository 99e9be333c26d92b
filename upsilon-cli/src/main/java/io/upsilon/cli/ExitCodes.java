package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The "Exit codes" section of every command's {@code --help}, generated from {@link ErrorCode} (each exit code with
 * the error codes that end with it) so the list cannot drift from what the commands return.
 */
final class ExitCodes {

    /** The exit status of a JVM ended by SIGTERM: 128 + signal 15. */
    static final int SIGTERM = 143;

    /** What an exit code means in general; the error codes listed after it say which failures give it. */
    private static final Map<Integer, String> MEANING = Map.of(
            1, "failed (the error code says what)",
            2, "usage, bad input or a refusal that changed nothing",
            3, "the cluster lock was not acquired within --lock-timeout",
            4, "the database could not be connected to; nothing was read or changed");

    private ExitCodes() {
    }

    /** The help section: a heading and one line per exit code. */
    static List<String> section() {
        Map<Integer, List<String>> byExit = new TreeMap<>();
        for (ErrorCode code : ErrorCode.values()) {
            byExit.computeIfAbsent(code.exitCode(), k -> new ArrayList<>()).add(code.name());
        }
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Exit codes:");
        lines.add(line(0, "ok"));
        byExit.forEach((exit, codes) -> lines.add(line(exit, MEANING.getOrDefault(exit, "failed") + ": "
                + codes.stream().collect(Collectors.joining(", ")))));
        lines.add(line(UpsilonNode.FENCED_EXIT_STATUS, "serve --exit-on-fence: the node was fenced; replace it"));
        lines.add(line(SIGTERM, "stopped by SIGTERM (serve's normal end under an orchestrator)"));
        return lines;
    }

    private static String line(int exit, String meaning) {
        return String.format("  %-4d %s", exit, meaning);
    }
}
