package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The "Exit codes" section of every command's {@code --help}, generated from {@link ErrorCode#byExitCode()} and
 * {@link ErrorCode#exitMeaning} so the list cannot drift from what the commands return.
 */
final class ExitCodes {

    /** The exit status of a JVM ended by SIGTERM: 128 + signal 15. */
    static final int SIGTERM = 143;

    private static final String INDENT = "         ";
    private static final int WIDTH = 78;

    private ExitCodes() {
    }

    /** The help section: a heading and one line per exit code. */
    static List<String> section() {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Exit codes:");
        lines.add(line(0, "ok"));
        ErrorCode.byExitCode().forEach((exit, codes) -> {
            lines.add(line(exit, ErrorCode.exitMeaning(exit) + ":"));
            lines.addAll(names(codes.stream().map(ErrorCode::name).toList()));
        });
        lines.add(line(UpsilonNode.FENCED_EXIT_STATUS, "serve --exit-on-fence: the node was fenced; replace it"));
        lines.add(line(SIGTERM, "stopped by SIGTERM (serve's normal end under an orchestrator)"));
        return lines;
    }

    /** The error codes of one exit code, indented under it, a few per line so no line wraps. */
    private static List<String> names(List<String> codes) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder(INDENT);
        for (String code : codes) {
            if (line.length() > INDENT.length() && line.length() + code.length() + 2 > WIDTH) {
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
