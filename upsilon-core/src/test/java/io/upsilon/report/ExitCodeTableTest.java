package io.upsilon.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.ErrorCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ExitCodeTable}: each error code under its exit code, lines within the width, the program's own codes last. */
class ExitCodeTableTest {

    @Test
    void listsEveryErrorCodeUnderItsExitCodeWithinTheWidth() {
        List<String> lines = ExitCodeTable.lines(78, Map.of(ExitCodeTable.SIGTERM, "stopped", 75, "fenced"));
        assertThat(lines.get(0)).isEqualTo("  0    ok");
        assertThat(lines).contains("  3    " + ErrorCode.exitMeaning(3) + ":", "  75   fenced", "  143  stopped");
        assertThat(lines.subList(lines.size() - 2, lines.size())).containsExactly("  75   fenced", "  143  stopped");
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(78));
        for (ErrorCode code : ErrorCode.values()) {
            int exit = code.exitCode();
            int heading = lines.indexOf(String.format("  %-4d %s:", exit, ErrorCode.exitMeaning(exit)));
            int listed = -1;
            for (int i = heading + 1; i < lines.size() && lines.get(i).startsWith("         "); i++) {
                listed = List.of(lines.get(i).strip().split(",\\s*")).contains(code.name()) ? i : listed;
            }
            assertThat(listed).as(code.name()).isGreaterThan(heading).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void aNarrowWidthPutsOneNamePerLine() {
        List<String> lines = ExitCodeTable.lines(1, Map.of());
        int names = (int) lines.stream().filter(line -> line.startsWith("         ")).count();
        assertThat(names).isEqualTo(ErrorCode.values().length);
    }
}
