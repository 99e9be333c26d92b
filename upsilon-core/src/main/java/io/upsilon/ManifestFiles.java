package io.upsilon;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

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

    /** Why the script at {@code path} (as written in the manifest in {@code dir}) cannot be used, if it cannot. */
    static Optional<String> problem(Path dir, String path) {
        Path file = dir.resolve(path);
        if (Files.isDirectory(file)) {
            return Optional.of("is a directory, not a script; name a .sql file");
        }
        if (!Files.exists(file)) {
            return Optional.empty(); // reported as not found
        }
        try {
            if (!file.toRealPath().startsWith(dir.toRealPath())) {
                return Optional.of("leads outside the manifest's directory " + dir + " (through '..' or a symbolic"
                        + " link); keep the scripts beside the manifest");
            }
        } catch (IOException e) {
            return Optional.of("cannot be resolved: " + e.getMessage());
        }
        return Optional.empty();
    }
}
