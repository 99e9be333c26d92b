package io.upsilon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.reliability.hostile.HostileRound;
import io.upsilon.testsupport.Seeds;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input (issue 13): each round generates, from one printed seed, a variant of what black-box runs broke —
 * a transactional script's own transaction control, YAML aliases and nested lists in specs and release files, SQL
 * full of the lexer's traps in a non-transactional script (and one that cannot be cut), a password PostgreSQL echoes
 * back in a failing task, and endless or huge inputs — and runs it through the CLI on a real PostgreSQL. Short: 3
 * rounds; long: 60. {@code -Dupsilon.seed=N} replays a run.
 */
@ExtendWith(Seeds.Report.class)
@Timeout(value = 20, unit = TimeUnit.MINUTES)
class HostileInputIT {

    private static final long SEED = Seeds.seed();

    @TempDir
    Path tmp;

    @Test
    void hostileInputNeverBreaksAtomicityNorLeaksNorExhaustsMemory() throws Exception {
        System.out.println("hostile input: seed " + SEED + " (replay: -Dupsilon.seed=" + SEED + ")");
        Tally t = Tally.of("hostile input");
        Random random = new Random(SEED);
        int rounds = Scale.rounds(3, 60);
        HostileRound.Counts counts = new HostileRound.Counts();
        for (int round = 0; round < rounds; round++) {
            new HostileRound(t, random, tmp.resolve("round-" + round), counts).run();
        }
        t.figure("seed", SEED);
        counts.report(t);
        t.report();
        assertThat(t.violations()).as("seed %d", SEED).isEmpty();
    }
}
