package io.upsilon;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The files a manifest on disk may use: read with a bound (a manifest or script path pointing at {@code /dev/zero}
 * or a huge file is refused instead of exhausting memory), and only inside the manifest's directory (an entry that
 * leads out of it through {@code ..} or a symbolic link is refused, as is a directory).
 */
final class ManifestFiles {

    /** The largest manifest read: it only lists versions and task names. */
    static final int MAX_MANIFEST_BYTES = 4 << 20;
    /** The largest SQL script read. */
    static final int MAX_SCRIPT_BYTES = 256 << 20;

    private ManifestFiles() {
    }

    /** Reads {@code file} as UTF-8, refusing more than {@code max} bytes with {@link ErrorCode#INVALID_MANIFEST}. */
    static String read(Path file, int max, String what) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                throw new UpsilonException(ErrorCode.INVALID_MANIFEST, what + " " + file + " is larger than "
                        + (max >> 20) + " MB; give the right file");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * The scripts of one manifest directory, checked the way a start-up can afford for a thousand of them: one
     * {@code lstat} per script, and whether each directory that holds scripts is inside the manifest's directory
     * decided once, keyed by the directory as written (a script that is not a symbolic link is inside exactly when its
     * directory is). Resolving every script's real path instead cost eight {@code readlink} calls and many objects
     * per script (most of {@code Manifest.load}'s time in a cold JVM; upsilon-bench/README.md).
     */
    static final class ScriptDirectory {
        private static final String DIRECTORY = "is a directory, not a script; name a .sql file";

        private final Path dir;
        /** Per directory as written before a script's name ("." for none): why it is refused, if it is. */
        private final Map<String, Optional<String>> directories = new HashMap<>();
        /** Scripts {@link #problem} found to be plain files, so that {@link #exists} needs no second stat. */
        private final Set<String> plainFiles = new HashSet<>();
        private Path realDir;
        /** The last script's directory as written and its verdict: consecutive scripts mostly share one. */
        private String lastDirectory;
        private Optional<String> lastVerdict;

        ScriptDirectory(Path dir) {
            this.dir = dir;
        }

        /** Why the script at {@code path} (as written in the manifest) cannot be used, if it cannot. */
        Optional<String> problem(String path) {
            Path file = dir.resolve(path);
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            } catch (NoSuchFileException e) {
                return Optional.empty(); // reported as not found
            } catch (IOException e) {
                return resolved(file); // e.g. a path through a file: the general check says what is wrong
            }
            if (attributes.isSymbolicLink()) {
                return resolved(file);
            }
            if (attributes.isDirectory()) {
                return Optional.of(DIRECTORY);
            }
            // the name ends in .sql, so what comes before its last separator is exactly its directory
            int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf(File.separatorChar));
            Optional<String> problem;
            if (lastDirectory != null && slash == lastDirectory.length() && path.startsWith(lastDirectory)) {
                problem = lastVerdict;
            } else {
                String written = slash < 0 ? "." : path.substring(0, slash); // "" is the root: "/x.sql"
                problem = directories.get(written);
                if (problem == null) {
                    try {
                        problem = outside(file.getParent().toRealPath());
                    } catch (IOException e) {
                        return Optional.of("cannot be resolved: " + e.getMessage());
                    }
                    directories.put(written, problem);
                }
                lastDirectory = written;
                lastVerdict = problem;
            }
            if (problem.isEmpty() && attributes.isRegularFile()) {
                plainFiles.add(path);
            }
            return problem;
        }

        /** Whether the script at {@code path} is a regular file (following a link). */
        boolean exists(String path) {
            return plainFiles.contains(path) || Files.isRegularFile(dir.resolve(path));
        }

        /** The general check, for a symbolic link (where it leads decides) and the unusual cases. */
        private Optional<String> resolved(Path file) {
            if (Files.isDirectory(file)) {
                return Optional.of(DIRECTORY);
            }
            if (!Files.exists(file)) {
                return Optional.empty(); // reported as not found
            }
            try {
                return outside(file.toRealPath());
            } catch (IOException e) {
                return Optional.of("cannot be resolved: " + e.getMessage());
            }
        }

        private Optional<String> outside(Path real) throws IOException {
            if (realDir == null) {
                realDir = dir.toRealPath();
            }
            if (!real.startsWith(realDir)) {
                return Optional.of("leads outside the manifest's directory " + dir + " (through '..' or a symbolic"
                        + " link); keep the scripts beside the manifest");
            }
            return Optional.empty();
        }
    }
}
