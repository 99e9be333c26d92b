package io.upsilon.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.upsilon.ErrorCode;
import io.upsilon.Texts;
import io.upsilon.UpsilonException;

/**
 * The JSON body of a control or tenant request, bounded: a control request is a few hundred bytes, so a body over
 * {@value #MAX_BYTES} bytes is answered 413 without being read, and nothing of a body is echoed whole.
 */
final class RequestBody {

    /** The largest body read. */
    static final int MAX_BYTES = 64 * 1024;

    private RequestBody() {
    }

    /** The body as JSON ({@code {}} when blank), or an answer of 413 (too large) or 400 (not JSON). */
    static JsonNode json(Context ctx) {
        long length = ctx.contentLength();
        if (length > MAX_BYTES) {
            throw new TooLarge(length);
        }
        String text = ctx.body();
        if (text.length() > MAX_BYTES) {
            throw new TooLarge(text.length());
        }
        try {
            return Json.MAPPER.readTree(text.isBlank() ? "{}" : text);
        } catch (Exception e) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "the request body is not JSON: "
                    + Texts.quote(e.getMessage()));
        }
    }

    /** Registers the 413 answer. */
    static void register(Javalin app) {
        app.exception(TooLarge.class, (e, ctx) -> ctx.status(HttpStatus.CONTENT_TOO_LARGE).json(Json.error(
                "BAD_INPUT", e.getMessage())));
    }

    /** A body over the limit. */
    static final class TooLarge extends RuntimeException {
        TooLarge(long length) {
            super("the request body has " + length + " bytes; a control request has at most " + MAX_BYTES);
        }
    }

}
