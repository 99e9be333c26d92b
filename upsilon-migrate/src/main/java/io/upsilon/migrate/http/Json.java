package io.upsilon.migrate.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsilon.migrate.Row;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JSON of the HTTP protocol, read with the streaming parser so that number values keep their exact JSON text.
 * Item values become text: strings as they are, numbers as their JSON text, booleans {@code true}/{@code false},
 * null as null, objects and arrays as their (compact) JSON text.
 */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    /** A page of items and the cursor of the next page, null at the end. */
    record Page(List<Row> items, String next) {
    }

    private Json() {
    }

    /** Reads {@code {"items": [ {…}, … ], "next": "…" | null}}; other members are ignored. */
    static Page page(byte[] body) throws IOException {
        try (JsonParser p = FACTORY.createParser(body)) {
            expect(p, p.nextToken() == JsonToken.START_OBJECT, "a JSON object");
            List<Row> items = new ArrayList<>();
            String next = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken token = p.nextToken();
                if ("items".equals(name) && token != JsonToken.VALUE_NULL) {
                    expect(p, token == JsonToken.START_ARRAY, "\"items\" to be an array");
                    while (p.nextToken() != JsonToken.END_ARRAY) {
                        items.add(row(p));
                    }
                } else if ("next".equals(name) && token != JsonToken.VALUE_NULL) {
                    expect(p, token == JsonToken.VALUE_STRING, "\"next\" to be a string or null");
                    next = p.getText().isEmpty() ? null : p.getText();
                } else {
                    p.skipChildren();
                }
            }
            return new Page(items, next);
        }
    }

    /** The item object at the parser's current token, as a row. */
    static Row row(JsonParser p) throws IOException {
        expect(p, p.currentToken() == JsonToken.START_OBJECT, "each item to be a JSON object");
        Row row = new Row();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            row.put(field, text(p));
        }
        return row;
    }

    /** The text form of the value at the parser's current token. */
    static String text(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> p.getText();
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> null;
            case START_OBJECT, START_ARRAY -> nested(p);
            default -> throw new JsonParseException(p, "unexpected " + p.currentToken());
        };
    }

    /** Copies the object or array at the current token as compact JSON, numbers as written. */
    private static String nested(JsonParser p) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            int depth = 0;
            do {
                JsonToken token = p.currentToken();
                if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
                    g.writeNumber(p.getText());
                } else {
                    g.copyCurrentEvent(p);
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
            } while (depth > 0 && p.nextToken() != null);
        }
        return out.toString();
    }

    /** Writes a JSON document with the streaming generator. */
    static byte[] write(Writer writer) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            writer.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // writing to memory does not fail
        }
        return out.toByteArray();
    }

    /** A row as a JSON object of text values (strings or null). */
    static void writeRow(JsonGenerator g, Row row) throws IOException {
        g.writeStartObject();
        for (Map.Entry<String, String> field : row.fields().entrySet()) {
            g.writeStringField(field.getKey(), field.getValue());
        }
        g.writeEndObject();
    }

    static void writeStrings(JsonGenerator g, List<String> values) throws IOException {
        g.writeStartArray();
        for (String value : values) {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    /** Text on one line, for error messages. */
    static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }

    private static void expect(JsonParser p, boolean ok, String what) throws JsonParseException {
        if (!ok) {
            throw new JsonParseException(p, "expected " + what + " but found " + p.currentToken());
        }
    }

    /** Writes one document. */
    @FunctionalInterface
    interface Writer {
        void write(JsonGenerator g) throws IOException;
    }
}
