package io.upsilon.server;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** The bearer-token rule of the control endpoints: disabled without a token, 401 without one, 403 on a wrong one. */
final class TokenCheck {

    private final Optional<byte[]> token;

    TokenCheck(String configured) {
        this.token = Optional.ofNullable(configured).filter(t -> !t.isBlank())
                .map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    /** Answers the request itself and returns false unless it carries the right token. */
    boolean allows(Context ctx) {
        if (token.isEmpty()) {
            ctx.status(404).json(Json.error("DISABLED", "control endpoints are disabled: start the server with a"
                    + " control token (UPSILON_CONTROL_TOKEN) to enable them"));
            return false;
        }
        String header = ctx.header("Authorization");
        // RFC 7235: the scheme is case-insensitive
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())) {
            ctx.status(401).header("WWW-Authenticate", "Bearer").json(Json.error("UNAUTHORIZED",
                    "send the control token as 'Authorization: Bearer TOKEN'"));
            return false;
        }
        byte[] given = header.substring("Bearer ".length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token.get())) { // constant time: no timing oracle on the token
            ctx.status(403).json(Json.error("FORBIDDEN", "the control token is wrong"));
            return false;
        }
        return true;
    }
}
