package io.upsilon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a node's control token comes from, and that it becomes a secret. */
class ControlTokenTest {

    private static final String ENV_TOKEN = "from-env-0123456789abcdef";

    @TempDir
    Path tmp;

    @Test
    void fromTheEnvironmentMaskedInOutput() {
        Secrets secrets = new Secrets();
        ControlToken token = ControlToken.resolve(settings(null, Map.of(ControlToken.ENV, ENV_TOKEN + "\n")), secrets);
        assertThat(token.value()).isEqualTo(ENV_TOKEN);
        assertThat(token.enabled()).isTrue();
        assertThat(token.source()).isEqualTo("$" + ControlToken.ENV);
        assertThat(secrets.redact("Bearer " + ENV_TOKEN)).isEqualTo("Bearer " + Secrets.MASK);
    }

    @Test
    void theConfigFileWinsOverTheEnvironment() throws Exception {
        Path config = Files.writeString(tmp.resolve("serve.properties"), "control-token=from-file-0123456789abc\n");
        ControlToken token = ControlToken.resolve(settings(config, Map.of(ControlToken.ENV, ENV_TOKEN)),
                new Secrets());
        assertThat(token.value()).isEqualTo("from-file-0123456789abc");
        assertThat(token.source()).contains("control-token", "serve.properties");
    }

    @Test
    void noneOrBlankDisablesTheControlEndpoints() {
        assertThat(ControlToken.resolve(settings(null, Map.of()), new Secrets()).enabled()).isFalse();
        assertThat(ControlToken.resolve(settings(null, Map.of(ControlToken.ENV, " ")), new Secrets()).enabled())
                .isFalse();
    }

    @Test
    void aShortTokenIsRefusedWithoutBeingEchoed() {
        Secrets secrets = new Secrets();
        assertThatThrownBy(() -> ControlToken.resolve(settings(null, Map.of(ControlToken.ENV, "hunter2")), secrets))
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("shorter than 16").hasMessageNotContaining("hunter2");
        assertThat(secrets.redact("hunter2")).isEqualTo(Secrets.MASK);
    }

    private static UpsilonSettings settings(Path file, Map<String, String> env) {
        return UpsilonSettings.builder().env(env).file(file).defaultPlaces(List.of()).build();
    }
}
