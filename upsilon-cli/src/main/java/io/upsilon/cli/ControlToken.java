package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.util.Map;

/**
 * The bearer token of {@code serve}'s control endpoints ({@code POST /maintenance}, {@code POST /fence}): from the
 * {@code --config} file (key {@value #CONFIG_KEY}), else {@code $UPSILON_CONTROL_TOKEN}; never from an option, never
 * printed. Without one the control endpoints are disabled.
 *
 * @param value  null when none is configured (the endpoints are disabled)
 * @param source where it came from, for output; null when none
 */
record ControlToken(String value, String source) {

    static final String ENV = "UPSILON_CONTROL_TOKEN";
    static final String CONFIG_KEY = "control-token";

    /** Long enough not to be guessed over HTTP, and to be masked in output without masking ordinary words. */
    static final int MIN_LENGTH = 16;

    static ControlToken resolve(CommonOptions options, Map<String, String> env, Secrets secrets) {
        CliSettings settings = options.settings != null ? options.settings : CliSettings.load(options, env);
        String value = settings.get(CONFIG_KEY).orElse(null);
        if (value == null || value.isBlank()) {
            return new ControlToken(null, null);
        }
        value = value.strip();
        secrets.add(value);
        String source = settings.source(CONFIG_KEY);
        if (value.length() < MIN_LENGTH) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "the control token from " + source + " is shorter than "
                    + MIN_LENGTH + " characters; use a random one, e.g. 'openssl rand -hex 32', or unset it to"
                    + " disable the control endpoints");
        }
        return new ControlToken(value, source);
    }

    boolean enabled() {
        return value != null;
    }
}
