package io.upsilon.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a node JVM records, maps or goes without the AppCDS archive beside its jar. */
class NodeArchiveTest {

    @org.junit.jupiter.api.BeforeEach
    void archivesOn() {
        assumeFalse("0".equals(System.getenv("UPSILON_CDS")), "UPSILON_CDS=0 switches the archive off");
    }

    @Test
    void theFirstNodeRecordsTheArchiveAndTheOthersStartWithoutItUntilItIsWritten(@TempDir Path dir) throws Exception {
        Path jar = Files.writeString(dir.resolve("nodes.jar"), "jar");
        Path archive = dir.resolve("upsilon-node.jsa");
        assertThat(NodeArchive.options(jar.toString()))
                .containsExactly("-XX:ArchiveClassesAtExit=" + archive.toAbsolutePath(), "-Xlog:cds*=off");
        assertThat(NodeArchive.options(jar.toString())).as("a second recorder would race the first").isEmpty();

        Files.writeString(archive, "classes");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().plusSeconds(5)));
        assertThat(NodeArchive.options(jar.toString()))
                .containsExactly("-XX:SharedArchiveFile=" + archive.toAbsolutePath(), "-Xlog:cds*=off");
    }

    @Test
    void anArchiveOlderThanTheJarIsRecordedAgain(@TempDir Path dir) throws Exception {
        Path archive = Files.writeString(dir.resolve("upsilon-node.jsa"), "classes of an older build");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));
        Path jar = Files.writeString(dir.resolve("nodes.jar"), "jar");
        assertThat(NodeArchive.options(jar.toString())).first().asString().startsWith("-XX:ArchiveClassesAtExit=");
    }

    @Test
    void aClassPathOfSeveralEntriesOrADirectoryHasNoArchive(@TempDir Path dir) {
        assertThat(NodeArchive.options(dir.resolve("a.jar") + File.pathSeparator + dir.resolve("b.jar"))).isEmpty();
        assertThat(NodeArchive.options(dir.resolve("classes").toString())).isEmpty();
    }
}
