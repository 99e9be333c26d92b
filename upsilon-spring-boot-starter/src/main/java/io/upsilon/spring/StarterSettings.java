package io.upsilon.spring;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import java.nio.file.Path;
import org.springframework.boot.info.BuildProperties;

/** Turns {@code upsilon.*} property values into Upsilon's types, with errors that name the property. */
final class StarterSettings {

    private static final String FILE = "file:";
    private static final String CLASSPATH = "classpath:";

    private StarterSettings() {
    }

    /** {@code upsilon.manifest}: a class-path resource, or a file with the {@code file:} prefix. */
    static Manifest manifest(String location, ClassLoader classLoader) {
        if (location.startsWith(FILE)) {
            return Manifest.load(Path.of(location.substring(FILE.length())), classLoader);
        }
        String resource = location.startsWith(CLASSPATH) ? location.substring(CLASSPATH.length()) : location;
        return Manifest.loadResource(resource.startsWith("/") ? resource.substring(1) : resource, classLoader);
    }

    /**
     * {@code upsilon.software-version}, else the build's version (a {@code -SNAPSHOT} build of 1.2.0 counts as
     * 1.2.0, so that a development build upgrades to its own version), else the manifest's latest.
     */
    static Version softwareVersion(String property, BuildProperties build, Manifest manifest) {
        if (property != null && !property.isBlank()) {
            return parse(property, "upsilon.software-version");
        }
        if (build != null && build.getVersion() != null) {
            return parse(build.getVersion().replaceFirst("-SNAPSHOT$", ""), "the build info's version (set"
                    + " upsilon.software-version to override it)");
        }
        return manifest.latest().orElseThrow(() -> new UpsilonException(ErrorCode.BAD_INPUT, "the manifest "
                + manifest.source() + " has no versions: set upsilon.software-version"));
    }

    private static Version parse(String text, String where) {
        if (!Version.isValid(text)) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "'" + text + "' from " + where + " is not a version;"
                    + " use numbers separated by dots, e.g. 1.2.0");
        }
        return Version.parse(text);
    }
}
