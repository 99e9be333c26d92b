package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.UpsilonException;
import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the manifest and the class loader its Java tasks come from. */
final class ManifestSource {

    private ManifestSource() {
    }

    /**
     * A loader over the {@code --classpath} entries whose parent is the CLI's own loader, so tasks see the Upsilon
     * API the CLI ships and nothing is loaded twice.
     */
    static URLClassLoader classLoader(String classpath) {
        List<URL> urls = new ArrayList<>();
        if (classpath != null) {
            for (String entry : classpath.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path path = Path.of(entry.strip());
                if (!Files.exists(path)) {
                    throw new UpsilonException(ErrorCode.BAD_INPUT, "--classpath entry " + path + " does not exist;"
                            + " list jars or class directories separated by '" + File.pathSeparator + "'");
                }
                try {
                    urls.add(path.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new UpsilonException(ErrorCode.BAD_INPUT, "--classpath entry " + path + " is not usable: "
                            + e.getMessage(), e);
                }
            }
        }
        return new URLClassLoader("upsilon-tasks", urls.toArray(URL[]::new), Main.class.getClassLoader());
    }

    /**
     * Reads {@code path} (a file, or a directory holding {@value Manifest#DEFAULT_RESOURCE}), or the class-path
     * resource {@code defaultResource} when no path is given. A manifest without versions is refused: there would
     * be nothing to upgrade to.
     */
    static Manifest load(Path path, String defaultResource, ClassLoader classLoader) {
        Manifest manifest;
        if (path == null) {
            manifest = Manifest.loadResource(defaultResource, classLoader);
        } else {
            manifest = Manifest.load(Files.isDirectory(path) ? path.resolve(Manifest.DEFAULT_RESOURCE) : path,
                    classLoader);
        }
        if (manifest.latest().isEmpty()) {
            throw new UpsilonException(ErrorCode.INVALID_MANIFEST, "manifest " + manifest.source() + " lists no"
                    + " versions; add a version line such as '1.0' with at least one task under it");
        }
        return manifest;
    }
}
