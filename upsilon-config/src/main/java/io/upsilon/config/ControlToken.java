package io.upsilon.config;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;

/**
 * The bearer token of a node's control endpoints ({@code POST /maintenance}, {@code POST /fence} of
 * {@code UpsilonServer.Builder.controlToken}): the setting {@value #CONFIG_KEY} ({@code $UPSILON_CONTROL_TOKEN} or the
 * settings file); never from a command line, never printed. Without one the control endpoints are disabled.
 *
 * @param value  null when none is configured (the endpoints are disabled)
 * @param source where it came from, for output; null when none
 */
public record ControlToken(String value, String source) {

    /** The environment variable of the token. */
    public static final String ENV = "UPSILON_CONTROL_TOKEN";
    /** The settings key of the token. */
    public static final String CONFIG_KEY = "control-token";

    /** Long enough not to be guessed over HTTP, and to be masked in output without masking ordinary words. */
    public static final int MIN_LENGTH = 16;

    /**
     * The token of {@code settings}, stripped of surrounding blanks and added to {@code secrets}; a blank one counts as
     * none.
     *
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} for a token shorter than {@value #MIN_LENGTH} characters,
     *                          naming its source but not the token
     */
    public static ControlToken resolve(UpsilonSettings settings, Secrets secrets) {
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

    /** Whether the control endpoints are enabled: a token is configured. */
    public boolean enabled() {
        return value != null;
    }
}
