package io.upsilon.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Masking never tells what it hides, and covers the forms PostgreSQL echoes (issue 13, item 5). */
class MaskingRuleTest {

    private static Secrets with(String password) {
        Secrets secrets = new Secrets();
        secrets.add(password);
        return secrets;
    }

    @Test
    void aPasswordInsideALongerWordIsNotMaskedThere() {
        Secrets secrets = with("postgres");
        assertThat(secrets.redact("jdbc:postgresql://db/app")).isEqualTo("jdbc:postgresql://db/app");
        assertThat(secrets.redact("jdbc:postgresql://app:postgres@db/app")).isEqualTo("jdbc:postgresql://app:"
                + Secrets.MASK + "@db/app");
        assertThat(secrets.redact("the password is postgres.")).isEqualTo("the password is " + Secrets.MASK + ".");
    }

    @Test
    void aShortPasswordIsMaskedOnlyWhereItStandsAsASecret() {
        Secrets secrets = with("1");
        assertThat(secrets.redact("ERROR at line 1, column 12: value 10")).isEqualTo(
                "ERROR at line 1, column 12: value 10");
        assertThat(secrets.redact("invalid input syntax: '1'")).isEqualTo("invalid input syntax: '" + Secrets.MASK + "'");
        assertThat(secrets.redact("jdbc:postgresql://db/app?user=a&password=1&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/app?user=a&password=" + Secrets.MASK + "&ssl=true");
    }

    @Test
    void everyLiteralFormPostgresqlEchoesIsMasked() throws Exception {
        String password = "o'ne\\two";
        Secrets secrets = with(password);
        for (String echoed : new String[] {"'o''ne\\two'", "E'o''ne\\\\two'", "E'o\\'ne\\\\two'", "\"o'ne\\two\"",
                "o%27ne%5Ctwo"}) {
            String redacted = secrets.redact("ERROR: relation " + echoed + " does not exist");
            assertThat(redacted).as(echoed).doesNotContain("ne").contains(Secrets.MASK);
        }
        String json = new ObjectMapper().writeValueAsString(Map.of("error", "value 'o''ne\\two'"));
        assertThat(secrets.redact(json)).doesNotContain("ne").contains(Secrets.MASK);
    }

    @Test
    void aLongPasswordIsMaskedEvenInsideOtherText() {
        Secrets secrets = with("k3y-0f-sixteen-chars");
        assertThat(secrets.redact("x'||'k3y-0f-sixteen-chars'||'y = xk3y-0f-sixteen-charsy"))
                .doesNotContain("sixteen");
    }
}
