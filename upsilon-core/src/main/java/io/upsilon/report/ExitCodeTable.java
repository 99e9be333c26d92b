package io.upsilon.report;

import io.upsilon.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The exit codes of a program that ends with the {@link ErrorCode#exitCode() exit codes of its errors}, as lines of
 * text for its help or its documentation: generated from {@link ErrorCode#byExitCode()} and
 * {@link ErrorCode#exitMeaning}, so the list cannot drift from what the program returns.
 */
public final class ExitCodeTable {

    /** The exit status of a JVM ended by SIGTERM: 128 + signal 15. */
    public static final int SIGTERM = 143;

    private static final String INDENT = "         ";

    private ExitCodeTable() {
    }

    /**
     * One line {@code "  0    ok"}; then per exit code of {@link ErrorCode#byExitCode()}, in ascending order, a line
     * with the code and its {@link ErrorCode#exitMeaning meaning}, and under it the names of its error codes, indented,
     * a few per line so that no line is longer than {@code width} (a single name longer than that keeps its own line);
     * then a line per entry of {@code others}, exit codes the program has beyond its errors, in ascending order.
     */
    public static List<String> lines(int width, Map<Integer, String> others) {
        List<String> lines = new ArrayList<>();
        lines.add(line(0, "ok"));
        ErrorCode.byExitCode().forEach((exit, codes) -> {
            lines.add(line(exit, ErrorCode.exitMeaning(exit) + ":"));
            lines.addAll(names(codes.stream().map(ErrorCode::name).toList(), width));
        });
        new TreeMap<>(others).forEach((exit, meaning) -> lines.add(line(exit, meaning)));
        return lines;
    }

    private static List<String> names(List<String> codes, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(INDENT);
        for (String code : codes) {
            if (line.length() > INDENT.length() && line.length() + code.length() + 2 > width) {
                lines.add(line.append(',').toString());
                line = new StringBuilder(INDENT);
            }
            line.append(line.length() > INDENT.length() ? ", " : "").append(code);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String line(int exit, String meaning) {
        return String.format("  %-4d %s", exit, meaning);
    }
}
