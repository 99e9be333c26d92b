package io.upsilon.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Text passes line by line, secrets masked even when one is split across writes. */
class RedactingWriterTest {

    private static final String SECRET = "s3cr3t-pa55";

    @Test
    void writerMasksSecretsEvenWhenSplitAcrossWrites() {
        Secrets secrets = new Secrets();
        secrets.add(SECRET);
        StringWriter target = new StringWriter();
        try (PrintWriter out = new PrintWriter(new RedactingWriter(target, secrets))) {
            out.print("password is s3cr");
            out.print("3t-pa55 and");
            out.println(" more");
            out.print("tail " + SECRET);
        }
        assertThat(target.toString()).doesNotContain(SECRET).contains("password is " + Secrets.MASK + " and more",
                "tail " + Secrets.MASK);
    }
}
