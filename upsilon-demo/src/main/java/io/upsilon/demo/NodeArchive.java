package io.upsilon.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node JVMs' application class-data-sharing archive (AppCDS), as {@code bin/upsilon} keeps one for the CLI: the
 * first node started from a jar records the classes it loads into {@code upsilon-node.jsa} beside the jar (written
 * when that node exits); nodes started after it map them instead of loading and verifying them again, which about
 * halves a node's start (to listening: 605 → 329 ms wall, 765 → 435 ms CPU, measured in upsilon-bench/README.md). It
 * is remade when the jar is newer. Only for a class path of one jar (an archive cannot hold classes from
 * directories); a JVM that finds the archive unusable (still being written, or from another JDK) runs without it,
 * as {@code -Xshare:auto} does by default.
 */
final class NodeArchive {

    /** The archives a node of this JVM records: one per archive, as a second JVM writing it would race the first. */
    private static final Set<Path> RECORDING = ConcurrentHashMap.newKeySet();

    private NodeArchive() {
    }

    /** The JVM options for the next node started with {@code classPath}: map the archive, record it, or none. */
    static List<String> options(String classPath) {
        if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith(".jar")
                || "0".equals(System.getenv("UPSILON_CDS"))) {
            return List.of();
        }
        Path jar = Path.of(classPath);
        Path archive = jar.toAbsolutePath().resolveSibling("upsilon-node.jsa");
        try {
            if (Files.size(archive) > 0
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds*=off");
            }
        } catch (IOException e) {
            // no archive yet: record one below
        }
        return RECORDING.add(archive)
                ? List.of("-XX:ArchiveClassesAtExit=" + archive, "-Xlog:cds*=off") : List.of();
    }
}
