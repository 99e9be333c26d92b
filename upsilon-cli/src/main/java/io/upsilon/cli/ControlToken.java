package io.upsilon.cli;

import io.upsilon.config.Secrets;
import java.util.Map;

/**
 * {@code serve}'s control token, as {@link io.upsilon.config.ControlToken} reads it from this run's settings: the
 * {@code --config} file, else {@code $UPSILON_CONTROL_TOKEN}; never an option, never printed.
 *
 * @param value  null when none is configured (the control endpoints are disabled)
 * @param source where it came from, for output; null when none
 */
record ControlToken(String value, String source) {

    static final String ENV = io.upsilon.config.ControlToken.ENV;
    static final String CONFIG_KEY = io.upsilon.config.ControlToken.CONFIG_KEY;

    static ControlToken resolve(CommonOptions options, Map<String, String> env, Secrets secrets) {
        var token = io.upsilon.config.ControlToken.resolve(CliSettings.of(options, env), secrets);
        return new ControlToken(token.value(), token.source());
    }

    boolean enabled() {
        return value != null;
    }
}
