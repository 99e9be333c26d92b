package io.upsilon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TallyTest {

    @Test
    void theLineCountsRunsAndViolationsAndListsFiguresInOrder() {
        Tally tally = Tally.of("races");
        tally.run();
        tally.run();
        tally.check(true, "never recorded");
        tally.check(false, "task 'slow' ran twice in round 2");
        tally.figure("double executions", 1);
        tally.figure("failed start-ups", 0);

        assertThat(tally.line()).isEqualTo("races: 2 runs / 1 violations; double executions=1, failed start-ups=0");
        assertThat(tally.violations()).containsExactly("task 'slow' ran twice in round 2");
    }

    @Test
    void reportAppendsTheLineToTheResultsFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("nested/results.md");
        String before = System.getProperty(Tally.OUT_PROPERTY);
        System.setProperty(Tally.OUT_PROPERTY, out.toString());
        try {
            Tally.of("a").report();
            Tally b = Tally.of("b");
            b.run();
            b.report();
        } finally {
            if (before == null) {
                System.clearProperty(Tally.OUT_PROPERTY);
            } else {
                System.setProperty(Tally.OUT_PROPERTY, before);
            }
        }
        assertThat(Files.readAllLines(out)).hasSize(2).satisfiesExactly(
                first -> assertThat(first).endsWith("a: 0 runs / 0 violations"),
                second -> assertThat(second).endsWith("b: 1 runs / 0 violations"));
    }

    @Test
    void anUnknownScaleIsAnErrorNamingTheRemedy() {
        String before = System.getProperty(Scale.PROPERTY);
        System.setProperty(Scale.PROPERTY, "huge");
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(Scale::current)
                    .hasMessageContaining("use short (the default) or long");
        } finally {
            if (before == null) {
                System.clearProperty(Scale.PROPERTY);
            } else {
                System.setProperty(Scale.PROPERTY, before);
            }
        }
    }
}
