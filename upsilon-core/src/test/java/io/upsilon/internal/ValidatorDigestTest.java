package io.upsilon.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.Manifest;
import io.upsilon.TaskDefinition;
import io.upsilon.Version;
import io.upsilon.fixtures.NoopTask;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The manifest digest a node compares with the one recorded beside the data version: it must stay the value earlier
 * versions of Upsilon recorded (each version and task name hashed line by line), or every node of a fleet would read
 * and validate the whole history again after an update.
 */
class ValidatorDigestTest {

    private static TaskDefinition task(String version, String name) {
        return TaskDefinition.of(Version.parse(version), name, NoopTask::new);
    }

    private final Manifest manifest = Manifest.of("test", List.of(
            task("0.9", "sql/a.sql"), task("0.9", "com.acme.B"),
            task("1.0", "sql/ü.sql"),
            task("1.0.1", "sql/d.sql")));

    /** The digest as Upsilon computed it before it hashed one buffer: one update per version and task name. */
    private static String lineByLine(List<String[]> rows) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (String[] row : rows) {
            sha.update((row[0] + "\n" + row[1] + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    @Test
    void theDigestIsTheOneEarlierVersionsRecorded() throws Exception {
        Validator validator = new Validator(manifest, false);

        assertThat(validator.digest(Version.parse("1.0"))).isEqualTo(lineByLine(List.of(
                new String[] {"0.9", "sql/a.sql"}, new String[] {"0.9", "com.acme.B"},
                new String[] {"1.0", "sql/ü.sql"})));
        assertThat(validator.digest(Version.parse("1.0.1"))).isEqualTo(lineByLine(List.of(
                new String[] {"0.9", "sql/a.sql"}, new String[] {"0.9", "com.acme.B"},
                new String[] {"1.0", "sql/ü.sql"}, new String[] {"1.0.1", "sql/d.sql"})));
    }

    @Test
    void aDigestComputedAheadIsTheSameAsOneComputedInPlace() {
        Validator ahead = new Validator(manifest, false);
        ahead.digestAhead(Version.parse("1.0.1"));

        // asked at once: either waits for the second thread's result or computes it; the value is the same
        assertThat(ahead.digest(Version.parse("1.0.1")))
                .isEqualTo(new Validator(manifest, false).digest(Version.parse("1.0.1")));
    }
}
