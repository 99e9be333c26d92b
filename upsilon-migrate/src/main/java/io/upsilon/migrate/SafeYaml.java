package io.upsilon.migrate;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * The one way Upsilon reads YAML (migration specs, release files): bounded in size and depth, and without aliases.
 * Jackson's YAML parser hands an alias ({@code *t}) to its caller as the text of the anchor's name, so a spec with
 * {@code target: *t} wrote into a table named {@code t}; an alias, and a merge key built on one, is refused here with
 * the line and the remedy (write the value out) instead of being read as data.
 */
public final class SafeYaml {

    /** The largest YAML file read: far above any real spec or release file. */
    public static final int MAX_BYTES = 4 << 20;
    private static final int MAX_DEPTH = 64;

    private static final YAMLFactory FACTORY = YAMLFactory.builder()
            .loaderOptions(loaderOptions())
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(MAX_BYTES).build())
            .build();

    private SafeYaml() {
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(0);
        options.setCodePointLimit(MAX_BYTES);
        options.setNestingDepthLimit(MAX_DEPTH);
        return options;
    }

    /**
     * Reads at most {@link #MAX_BYTES} of {@code file} as UTF-8.
     *
     * @param what names the file in the error, e.g. "migration spec"
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} when the file is larger, naming it and the limit
     * @throws IOException      when it cannot be read
     */
    public static String read(Path file, String what) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, what + " " + file + " is larger than "
                        + (MAX_BYTES >> 20) + " MB; give the right file (a real one is a few kilobytes)");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * A parser over {@code text} that throws {@link UpsilonException} ({@link ErrorCode#BAD_INPUT}) at the first
     * alias, naming {@code source} and the line.
     */
    public static JsonParser parser(String text, String source) throws IOException {
        YAMLParser yaml = FACTORY.createParser(text);
        return new JsonParserDelegate(yaml) {
            @Override
            public JsonToken nextToken() throws IOException {
                JsonToken token = super.nextToken();
                if (yaml.isCurrentAlias()) {
                    throw new UpsilonException(ErrorCode.BAD_INPUT, source + ":" + yaml.currentLocation().getLineNr()
                            + ": YAML alias '*" + yaml.getText() + "' is not supported (it would be read as the"
                            + " text '" + yaml.getText() + "'); write the value out in full instead of an anchor and"
                            + " alias");
                }
                return token;
            }

            // the delegate would pass these straight to the YAML parser, past the check above
            @Override
            public String nextFieldName() throws IOException {
                return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
            }

            @Override
            public boolean nextFieldName(SerializableString name) throws IOException {
                return nextToken() == JsonToken.FIELD_NAME && name.getValue().equals(currentName());
            }

            @Override
            public String nextTextValue() throws IOException {
                return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
            }

            @Override
            public JsonToken nextValue() throws IOException {
                JsonToken token = nextToken();
                return token == JsonToken.FIELD_NAME ? nextToken() : token;
            }
        };
    }

    /**
     * The line of every key of {@code text}, by JSON pointer ({@code /entities/0/target}), so that an error found
     * after a whole mapping was read (an unknown key of a record) can name the key's own line.
     */
    public static Map<String, Integer> keyLines(String text) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = FACTORY.createParser(text)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.FIELD_NAME) {
                    String pointer = p.getParsingContext().getParent().pathAsPointer() + "/" + p.currentName();
                    lines.putIfAbsent(pointer, p.currentLocation().getLineNr());
                }
            }
        } catch (IOException | RuntimeException e) {
            // the real read reports what is wrong with the text
        }
        return lines;
    }

    /** The pointer ({@code /entities/0/target}) of a mapping error's path. */
    public static String pointer(List<JsonMappingException.Reference> path) {
        StringBuilder pointer = new StringBuilder();
        for (var ref : path) {
            pointer.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : ref.getIndex());
        }
        return pointer.toString();
    }

    /** The same path as people write it: {@code entities[0].target}. */
    public static String dotted(List<JsonMappingException.Reference> path) {
        StringBuilder out = new StringBuilder();
        for (var ref : path) {
            if (ref.getFieldName() != null) {
                out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
            } else {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
