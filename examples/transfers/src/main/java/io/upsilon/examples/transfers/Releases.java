package io.upsilon.examples.transfers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsilon.Version;
import io.upsilon.release.Release;
import io.upsilon.release.ReleaseSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Reads the release descriptors ({@code examples/releases.yaml}, packaged into this module's jar at build time, or
 * a file given with {@code --releases}) into a {@link ReleaseSet}: the single source of each release's API versions,
 * data version and compatibility window ({@code runsOn}).
 */
public final class Releases {

    /** The packaged copy of {@code examples/releases.yaml}. */
    public static final String RESOURCE = "io/upsilon/examples/transfers/releases.yaml";

    private Releases() {
    }

    /** The packaged descriptors, or {@code file} when not null. */
    public static ReleaseSet load(Path file) {
        try {
            if (file != null) {
                try (InputStream in = Files.newInputStream(file)) {
                    return parse(in, file.toString());
                }
            }
            try (InputStream in = Releases.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new IllegalStateException("resource " + RESOURCE + " is missing; rebuild the module");
                }
                return parse(in, "examples/releases.yaml");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read release descriptors " + (file != null ? file : RESOURCE), e);
        }
    }

    static ReleaseSet parse(InputStream in, String source) throws IOException {
        byte[] bytes = in.readNBytes(io.upsilon.migrate.SafeYaml.MAX_BYTES + 1);
        if (bytes.length > io.upsilon.migrate.SafeYaml.MAX_BYTES) {
            throw new IllegalArgumentException(source + ": larger than " + (io.upsilon.migrate.SafeYaml.MAX_BYTES >> 20)
                    + " MB; give the right release file");
        }
        JsonNode root;
        try (var parser = io.upsilon.migrate.SafeYaml.parser(new String(bytes, java.nio.charset.StandardCharsets.UTF_8),
                source)) {
            root = new ObjectMapper().readTree(parser);
        }
        JsonNode list = root == null ? null : root.get("releases");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(source + ": expected a 'releases:' list");
        }
        List<Release> releases = new ArrayList<>();
        for (JsonNode r : list) {
            List<String> apis = new ArrayList<>();
            r.path("apiVersions").forEach(a -> apis.add(a.asText()));
            TreeSet<Version> runsOn = new TreeSet<>();
            r.path("runsOn").forEach(v -> runsOn.add(Version.parse(v.asText())));
            releases.add(new Release(Version.parse(r.path("version").asText()), apis,
                    Version.parse(r.path("dataVersion").asText()), runsOn, source));
        }
        return ReleaseSet.of(source, releases);
    }
}
