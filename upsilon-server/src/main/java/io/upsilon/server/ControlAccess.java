package io.upsilon.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.util.Map;

/**
 * What an add-on's {@link ServerRoutes} share with the server's control endpoints: the bearer-token rule, the
 * bounded JSON body and the error body.
 */
public final class ControlAccess {

    private final TokenCheck tokens;

    ControlAccess(TokenCheck tokens) {
        this.tokens = tokens;
    }

    /**
     * Whether the request carries the control token; when not, the request is already answered: 404 when the server
     * has no token (control disabled), 401 without a token, 403 with a wrong one.
     */
    public boolean allows(Context ctx) {
        return tokens.allows(ctx);
    }

    /**
     * The request's JSON body, {@code {}} when blank. A body over 64 KiB is answered 413 without being read.
     *
     * @throws io.upsilon.UpsilonException {@link io.upsilon.ErrorCode#BAD_INPUT} when it is not JSON
     */
    public JsonNode body(Context ctx) {
        return RequestBody.json(ctx);
    }

    /** The body of an error answer, as every endpoint writes it: {@code {"error": code, "message": message}}. */
    public static Map<String, Object> error(String code, String message) {
        return Json.error(code, message);
    }
}
