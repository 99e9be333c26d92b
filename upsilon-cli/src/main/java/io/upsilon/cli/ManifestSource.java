package io.upsilon.cli;

import io.upsilon.Manifest;
import java.net.URLClassLoader;
import java.nio.file.Path;

/** Finds the manifest and the class loader its Java tasks come from, as {@link io.upsilon.config.ManifestSource}. */
final class ManifestSource {

    private ManifestSource() {
    }

    /** A loader over the {@code --classpath} entries below the CLI's own, so tasks see the API the CLI ships. */
    static URLClassLoader classLoader(String classpath) {
        return io.upsilon.config.ManifestSource.classLoader(classpath, Main.class.getClassLoader(), CliSettings.NAMES);
    }

    /** {@code --manifest} (a file or a directory), else the class-path resource {@code defaultResource}. */
    static Manifest load(Path path, String defaultResource, ClassLoader classLoader) {
        return io.upsilon.config.ManifestSource.load(path, defaultResource, classLoader);
    }
}
