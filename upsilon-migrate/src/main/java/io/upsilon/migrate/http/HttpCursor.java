package io.upsilon.migrate.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.migrate.spi.Position;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The {@code after} cursor of the HTTP protocol: a place in an entity's (update time, key) order, written as the
 * URL-safe base64 (RFC 4648 §5, no padding) of the UTF-8 JSON {@code {"updatedAt": "…", "key": ["…", …]}}, every
 * value in its text form ({@code updatedAt} may be null or absent for "from the beginning"). For example
 * {@code {"updatedAt":"2024-05-01T10:00:00Z","key":["42"]}} encodes as
 * {@code eyJ1cGRhdGVkQXQiOiIyMDI0LTA1LTAxVDEwOjAwOjAwWiIsImtleSI6WyI0MiJdfQ}.
 *
 * <p>Services written in Java may use this class to read the cursors the client sends and to write the
 * {@code next} cursors they answer with.
 */
public final class HttpCursor {

    private HttpCursor() {
    }

    /** The cursor of "strictly after {@code position}" (its rewind is not part of a cursor). */
    public static String encode(Position position) {
        ObjectNode json = Json.MAPPER.createObjectNode();
        json.put("updatedAt", position.updatedAt().orElse(null));
        ArrayNode key = json.putArray("key");
        position.key().forEach(key::add);
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /**
     * The position a cursor stands for, with no rewind.
     *
     * @throws UpsilonException {@code BAD_INPUT} if {@code cursor} is not one
     */
    public static Position decode(String cursor) {
        try {
            JsonNode json = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(cursor));
            JsonNode at = json.path("updatedAt");
            JsonNode key = json.path("key");
            if (!json.isObject() || !(at.isMissingNode() || at.isNull() || at.isTextual())
                    || !(key.isMissingNode() || key.isArray())) {
                throw bad(cursor, "not {\"updatedAt\": text, \"key\": [text…]}");
            }
            List<String> values = new ArrayList<>();
            for (JsonNode value : key) {
                if (!value.isValueNode() || value.isNull()) {
                    throw bad(cursor, "a key value that is not text");
                }
                values.add(value.asText());
            }
            return new Position(at.isTextual() ? Optional.of(at.asText()) : Optional.empty(), values, Duration.ZERO);
        } catch (IllegalArgumentException | IOException e) {
            throw bad(cursor, e.getMessage());
        }
    }

    private static UpsilonException bad(String cursor, String why) {
        String shown = cursor.length() > 80 ? cursor.substring(0, 80) + "…" : cursor;
        return new UpsilonException(ErrorCode.BAD_INPUT, "cursor '" + shown + "' is not an upsilon HTTP cursor ("
                + Json.oneLine(why) + "); send back a cursor the client or this service produced");
    }
}
