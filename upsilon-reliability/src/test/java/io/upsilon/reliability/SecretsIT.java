package io.upsilon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.reliability.secrets.Leaks;
import io.upsilon.reliability.secrets.SecretsPass;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets: everything runs with a canary password at DEBUG, and the password must be found nowhere we write: not in
 * the logs and output of any command (status, plan, upgrade failing in Java and in SQL, history, lock, nodes, fence,
 * maintenance, migrate run and verify, tenant install, list and purge, serve with its HTTP answers, each in text and
 * JSON, with the right password, a wrong one and a stopped server), not in any table row (history errors, node
 * records, tenant registry), not in the messages of exceptions the library throws, and not in any process's
 * arguments. The PostgreSQL really demands the password (scram-sha-256), and a wrong one fails with a clear error
 * that does not repeat it either. A pass uses fresh random passwords; every second one (the first included) is full
 * of shell, URL, JSON and properties-file special characters. Short: one pass; long: five.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class SecretsIT {

    @TempDir
    Path tmp;

    @Test
    void thePasswordAppearsNowhere() throws Exception {
        Tally t = Tally.of("secrets");
        int passes = Scale.rounds(1, 5);
        int commands = 0;
        int[] found = new int[4];
        String[] kinds = {Leaks.LOGS, Leaks.ROWS, Leaks.EXCEPTIONS, Leaks.ARGUMENTS};
        for (int pass = 0; pass < passes; pass++) {
            t.run();
            SecretsPass run = new SecretsPass(t, tmp.resolve("pass-" + pass), pass % 2 == 0);
            commands += run.run();
            for (int k = 0; k < kinds.length; k++) {
                found[k] += run.leaks().total(kinds[k]);
            }
        }
        t.figure("passwords in logs", found[0]);
        t.figure("in table rows", found[1]);
        t.figure("in exception messages", found[2]);
        t.figure("in process arguments", found[3]);
        t.figure("commands run", commands);
        t.report();
        assertThat(t.violations()).isEmpty();
    }
}
