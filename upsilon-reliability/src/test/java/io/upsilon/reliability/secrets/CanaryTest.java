package io.upsilon.reliability.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The canary is found in every form a leak could take, and its report and its toString never repeat it. */
class CanaryTest {

    private final Canary canary = Canary.random("canary", true);
    private final String password = canary.password();

    @Test
    void findsThePasswordAsIsEscapedEncodedAndCut() {
        String json = password.replace("\\", "\\\\").replace("\"", "\\\"");
        String url = URLEncoder.encode(password, StandardCharsets.UTF_8);
        String sql = "'" + password.replace("'", "''") + "'";
        String cutAtAmpersand = password.substring(password.indexOf('&') + 1);

        for (String leak : new String[] {password, json, url, sql, cutAtAmpersand, canary.head()}) {
            assertThat(canary.count("before " + leak + " after")).as(canary.mask(leak)).isEqualTo(1);
        }
        assertThat(canary.count(password + " and " + json)).isEqualTo(2);
        assertThat(canary.count("no secret here; canary-0123456789abcdef is another run's")).isZero();
    }

    @Test
    void theReportNeverRepeatsIt() {
        assertThat(canary.mask("x " + password + " y")).doesNotContain(canary.head(), canary.tail())
                .contains("<CANARY-HEAD>", "<CANARY-TAIL>");
        assertThat(canary.toString()).doesNotContain(canary.head());
        assertThat(password).contains("\"", "\\", "'", "$", "&", "%", " ", "\u00fc");
    }
}
