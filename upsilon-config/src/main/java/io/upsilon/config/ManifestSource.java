package io.upsilon.config;

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

/**
 * Finds the manifest (setting {@code manifest}) and the class loader its Java tasks come from (setting
 * {@code classpath}), as the CLI does.
 */
public final class ManifestSource {

    private ManifestSource() {
    }

    /**
     * A loader over the {@code classpath} entries (jars and class directories separated by the platform's path
     * separator; null for none) whose parent is {@code parent}, so tasks see the Upsilon API of the program and
     * nothing is loaded twice. The caller closes it.
     *
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} for an entry that does not exist, naming the setting as
     *                          {@code names} does
     */
    public static URLClassLoader classLoader(String classpath, ClassLoader parent, SettingNames names) {
        List<URL> urls = new ArrayList<>();
        if (classpath != null) {
            for (String entry : classpath.split(File.pathSeparator)) {
                if (entry.isBlank()) {
                    continue;
                }
                Path path = Path.of(entry.strip());
                if (!Files.exists(path)) {
                    throw new UpsilonException(ErrorCode.BAD_INPUT, names.of("classpath") + " entry " + path
                            + " does not exist; list jars or class directories separated by '" + File.pathSeparator
                            + "'");
                }
                try {
                    urls.add(path.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new UpsilonException(ErrorCode.BAD_INPUT, names.of("classpath") + " entry " + path
                            + " is not usable: " + e.getMessage(), e);
                }
            }
        }
        return new URLClassLoader("upsilon-tasks", urls.toArray(URL[]::new), parent);
    }

    /**
     * Reads {@code path} (a file, or a directory holding {@value Manifest#DEFAULT_RESOURCE}), or the class-path
     * resource {@code defaultResource} when no path is given. A manifest without versions is refused: there would
     * be nothing to upgrade to.
     *
     * @throws UpsilonException {@link ErrorCode#INVALID_MANIFEST} for a manifest without versions, and as
     *                          {@link Manifest#load} throws
     */
    public static Manifest load(Path path, String defaultResource, ClassLoader classLoader) {
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
