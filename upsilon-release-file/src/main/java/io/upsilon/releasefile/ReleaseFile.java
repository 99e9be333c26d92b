package io.upsilon.releasefile;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.release.Release;
import io.upsilon.release.ReleaseSet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a release descriptor file into a {@link ReleaseSet}. The format:
 * <pre>
 * releases:
 *   - version: 1.0.2            # the software version
 *     apiVersions: [v1, v2]     # the API versions its nodes serve (at least one)
 *     dataVersion: 1.0.1        # the data version it brings
 *     runsOn: [1.0.1]           # optional: the data versions its code runs against; default its own and N-1
 * </pre>
 * Scalars are read as written (so {@code 1.10} stays {@code 1.10}, not the number 1.1). Every problem is refused
 * with a one-line {@link UpsilonException} that starts {@code FILE:LINE:} and says how to fix it: malformed YAML,
 * an unknown or repeated key, a missing or mistyped field, a bad version, and the {@link ReleaseSet} checks
 * (duplicate versions, unknown data versions, cycles). A release's line is the line of its {@code - version:} item.
 *
 * <p>The one reader of this format: the CLI ({@code upsilon path}, {@code upsilon rollback}), the transfers example
 * and the demo all read release files here. YAML is read through {@link io.upsilon.migrate.SafeYaml} (bounded size
 * and depth, no aliases).
 */
public final class ReleaseFile {

    private static final Pattern MARK = Pattern.compile("line (\\d+), column \\d+");
    private static final Set<String> FIELDS = Set.of("version", "apiVersions", "dataVersion", "runsOn");

    private final String source;
    private final JsonParser parser;

    private ReleaseFile(String source, JsonParser parser) {
        this.source = source;
        this.parser = parser;
    }

    /**
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} when the file cannot be read or is not a valid
     *                          descriptor file, {@link ErrorCode#INVALID_VERSION} for a bad version, each naming
     *                          the line
     */
    public static ReleaseSet read(Path file) {
        String text;
        try {
            text = io.upsilon.migrate.SafeYaml.read(file, "release descriptors");
        } catch (IOException e) {
            String why = e instanceof NoSuchFileException ? "no such file" : e.getMessage();
            throw new UpsilonException(ErrorCode.BAD_INPUT, "cannot read release descriptors " + file + ": " + why
                    + "; check the path of the release file", e);
        }
        return parse(text, file.toString());
    }

    /**
     * Reads a release file packaged as a class-path resource, e.g. a service's own copy of its release descriptors.
     *
     * @param source names the file in messages, e.g. "examples/releases.yaml"
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} when the resource is missing, unreadable or not a valid
     *                          descriptor file (naming the line), {@link ErrorCode#INVALID_VERSION} for a bad version
     */
    public static ReleaseSet readResource(String resource, ClassLoader loader, String source) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "release descriptors " + resource + " are not on the"
                        + " class path; rebuild the module that packages them");
            }
            byte[] bytes = in.readNBytes(io.upsilon.migrate.SafeYaml.MAX_BYTES + 1);
            if (bytes.length > io.upsilon.migrate.SafeYaml.MAX_BYTES) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, source + ": larger than "
                        + (io.upsilon.migrate.SafeYaml.MAX_BYTES >> 20) + " MB; give the right release file");
            }
            return parse(new String(bytes, StandardCharsets.UTF_8), source);
        } catch (IOException e) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "cannot read release descriptors " + resource + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Parses descriptor text; {@code source} names it in messages.
     *
     * @throws UpsilonException as {@link #read(Path)}
     */
    public static ReleaseSet parse(String text, String source) {
        try (JsonParser parser = io.upsilon.migrate.SafeYaml.parser(text, source)) {
            return new ReleaseFile(source, parser).document();
        } catch (JsonProcessingException e) {
            int line = problemLine(e.getOriginalMessage(), e.getLocation());
            String where = line < 1 ? source : source + ":" + line;
            throw new UpsilonException(ErrorCode.BAD_INPUT, where + ": malformed YAML: "
                    + problem(e.getOriginalMessage()) + "; check the indentation, the ':' after each key and"
                    + " the brackets of lists", e);
        } catch (IOException e) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, source + ": cannot parse: " + e.getMessage(), e);
        }
    }

    private ReleaseSet document() throws IOException {
        JsonToken first = parser.nextToken();
        if (first == null) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, source + ": is empty; list the releases under"
                    + " 'releases:'");
        }
        if (first != JsonToken.START_OBJECT) {
            throw bad(line(), "expected a mapping with a 'releases:' list at the top");
        }
        List<Release> releases = null;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line();
            if (!key.equals("releases")) {
                throw bad(keyLine, "unknown key '" + key + "' at the top; the file holds one key, 'releases:'");
            }
            if (releases != null) {
                throw bad(keyLine, "'releases' is given twice; keep one list");
            }
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw bad(line(), "'releases' must be a list of releases, each starting with '- version:'");
            }
            releases = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                releases.add(release());
            }
        }
        if (parser.nextToken() != null) {
            throw bad(line(), "more than one YAML document; keep all releases in one 'releases:' list");
        }
        if (releases == null) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, source + ": has no 'releases:' list; add one");
        }
        return ReleaseSet.of(source, releases);
    }

    private Release release() throws IOException {
        int start = line();
        if (parser.currentToken() != JsonToken.START_OBJECT) {
            throw bad(start, "each release is a mapping with version, apiVersions, dataVersion and optionally"
                    + " runsOn; start it with '- version:'");
        }
        Set<String> seen = new HashSet<>();
        Version version = null;
        Version dataVersion = null;
        List<String> apis = null;
        TreeSet<Version> runsOn = new TreeSet<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            int keyLine = line();
            if (!FIELDS.contains(key)) {
                throw bad(keyLine, "unknown key '" + key + "'; a release has version, apiVersions, dataVersion and"
                        + " runsOn");
            }
            if (!seen.add(key)) {
                throw bad(keyLine, "'" + key + "' is given twice in one release; keep one");
            }
            parser.nextToken();
            switch (key) {
                case "version" -> version = version(scalar(key));
                case "dataVersion" -> dataVersion = version(scalar(key));
                case "apiVersions" -> apis = list(key).stream().map(Item::text).toList();
                default -> {
                    for (Item item : list(key)) {
                        runsOn.add(version(item.text(), item.line()));
                    }
                }
            }
        }
        String location = source + ":" + start;
        if (version == null) {
            throw bad(start, "a release has no 'version'; add the software version, e.g. 'version: 1.0.2'");
        }
        if (dataVersion == null) {
            throw bad(start, "release " + version + " has no 'dataVersion'; add the data version it brings");
        }
        if (apis == null) {
            throw bad(start, "release " + version + " has no 'apiVersions'; list the API versions it serves,"
                    + " e.g. 'apiVersions: [v1]'");
        }
        return new Release(version, apis, dataVersion, runsOn, location);
    }

    private String scalar(String key) {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL || token.isStructStart()) {
            throw bad(line(), "'" + key + "' needs a single value, e.g. '" + key + ": 1.0.1'");
        }
        try {
            return parser.getText().strip();
        } catch (IOException e) {
            throw bad(line(), "cannot read '" + key + "': " + e.getMessage());
        }
    }

    /** A flow list {@code [a, b]}, a block list, or a single scalar taken as a list of one. */
    private List<Item> list(String key) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_ARRAY) {
            List<Item> values = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                values.add(new Item(scalar(key), line()));
            }
            return values;
        }
        if (token == JsonToken.START_OBJECT || token == JsonToken.VALUE_NULL) {
            throw bad(line(), "'" + key + "' needs a list, e.g. '" + key + ": [" + (key.equals("runsOn")
                    ? "1.0.0, 1.0.1" : "v1, v2") + "]'");
        }
        return List.of(new Item(scalar(key), line()));
    }

    /** One list entry and the line it is on. */
    private record Item(String text, int line) {
    }

    private Version version(String text) {
        return version(text, line());
    }

    private Version version(String text, int line) {
        try {
            return Version.parse(text);
        } catch (UpsilonException e) {
            throw new UpsilonException(e.code(), source + ":" + line + ": " + e.getMessage());
        }
    }

    private int line() {
        return parser.currentTokenLocation().getLineNr();
    }

    private UpsilonException bad(int line, String message) {
        return new UpsilonException(ErrorCode.BAD_INPUT, source + ":" + line + ": " + message);
    }

    /**
     * The line of the problem: SnakeYAML's message names the place it was parsing, then the place of the problem
     * ({@code in 'reader', line 5, column 1}); the last one is the problem. Else the parser's location, else 0.
     */
    static int problemLine(String message, JsonLocation location) {
        Matcher m = MARK.matcher(message == null ? "" : message);
        int line = 0;
        while (m.find()) {
            line = Integer.parseInt(m.group(1));
        }
        return line > 0 ? line : location == null ? 0 : location.getLineNr();
    }

    /**
     * The parser's own words without its excerpt of the file: SnakeYAML writes "while parsing X", the place, the
     * excerpt, then "expected Y, but got Z"; the unindented lines are the words.
     */
    static String problem(String message) {
        if (message == null) {
            return "syntax error";
        }
        List<String> words = message.lines().filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
                .map(String::strip).toList();
        return words.isEmpty() ? "syntax error" : String.join(": ", words);
    }
}
