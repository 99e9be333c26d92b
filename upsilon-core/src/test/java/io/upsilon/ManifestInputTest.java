package io.upsilon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and careless manifests (issue 13, items 6 and 8): bounded, kept in their directory, shown visibly. */
class ManifestInputTest {

    @TempDir
    Path dir;

    private Manifest load(String text) throws Exception {
        Files.writeString(dir.resolve("upsilon.tasks"), text);
        return Manifest.load(dir.resolve("upsilon.tasks"), getClass().getClassLoader());
    }

    @Test
    void anEndlessManifestIsRefusedAtTheLimit() {
        Path zero = Path.of("/dev/zero");
        if (Files.isReadable(zero)) {
            assertThatThrownBy(() -> Manifest.load(zero, getClass().getClassLoader()))
                    .hasMessageContaining("larger than 4 MB");
        }
    }

    @Test
    void aHugeTaskNameIsNotEchoedWhole() {
        String name = "x".repeat(300_000);
        assertThatThrownBy(() -> load("1.0\n  - " + name + "\n"))
                .satisfies(e -> assertThat(e.getMessage().length()).isLessThan(1_000))
                .hasMessageContaining("300000 characters");
    }

    @Test
    void aByteOrderMarkOrNulIsShownEscaped() {
        assertThatThrownBy(() -> load("\uFEFF1.0\n  - a.sql\n")).hasMessageContaining("'\\uFEFF1.0'");
        assertThatThrownBy(() -> Version.parse("1.0\u0000")).hasMessageContaining("1.0\\u0000");
    }

    @Test
    void anEntryLeadingOutOfTheManifestsDirectoryIsRefused() throws Exception {
        Path inner = Files.createDirectories(dir.resolve("m"));
        Files.writeString(dir.resolve("outside.sql"), "SELECT 1;");
        Files.createSymbolicLink(inner.resolve("link.sql"), dir.resolve("outside.sql"));
        Files.writeString(inner.resolve("upsilon.tasks"), "1.0\n  - link.sql\n");
        assertThatThrownBy(() -> Manifest.load(inner.resolve("upsilon.tasks"), getClass().getClassLoader()))
                .hasMessageContaining("link.sql' leads outside the manifest's directory");
        Files.writeString(inner.resolve("upsilon.tasks"), "1.0\n  - ../outside.sql\n");
        assertThatThrownBy(() -> Manifest.load(inner.resolve("upsilon.tasks"), getClass().getClassLoader()))
                .hasMessageContaining("leads outside");
    }

    @Test
    void aDirectoryGivenAsATaskSaysItIsADirectory() throws Exception {
        Files.createDirectories(dir.resolve("sql/d.sql"));
        assertThatThrownBy(() -> load("1.0\n  - sql/d.sql\n")).hasMessageContaining("is a directory");
    }

    @Test
    void aLinkedScriptDirectoryCountsWhereItLeads() throws Exception {
        // scripts that are plain files are checked through their directory's real path (resolved once per
        // directory): a linked directory that leads out is refused, one that stays inside is accepted
        Path inner = Files.createDirectories(dir.resolve("m"));
        Files.writeString(Files.createDirectories(dir.resolve("elsewhere")).resolve("a.sql"), "SELECT 1;");
        Files.createSymbolicLink(inner.resolve("out"), dir.resolve("elsewhere"));
        Files.writeString(Files.createDirectories(inner.resolve("sql/real")).resolve("b.sql"), "SELECT 2;");
        Files.createSymbolicLink(inner.resolve("in"), inner.resolve("sql/real"));
        Files.writeString(inner.resolve("upsilon.tasks"), "1.0\n  - in/b.sql\n  - sql/real/b.sql\n1.1\n  - out/a.sql\n");
        assertThatThrownBy(() -> Manifest.load(inner.resolve("upsilon.tasks"), getClass().getClassLoader()))
                .hasMessageContaining("out/a.sql' leads outside the manifest's directory");
        Files.writeString(inner.resolve("upsilon.tasks"), "1.0\n  - in/b.sql\n  - sql/real/b.sql\n");
        Manifest manifest = Manifest.load(inner.resolve("upsilon.tasks"), getClass().getClassLoader());
        assertThat(manifest.tasks(Version.parse("1.0"))).hasSize(2);
        assertThat(manifest.tasks(Version.parse("1.0")).get(0).script()).contains("SELECT 2;");
    }

    @Test
    void aScriptUnderAFileOrMissingIsNotFound() throws Exception {
        Files.writeString(dir.resolve("a.sql"), "SELECT 1;");
        assertThatThrownBy(() -> load("1.0\n  - a.sql/b.sql\n")).hasMessageContaining("not found");
        assertThatThrownBy(() -> load("1.0\n  - nothere/b.sql\n")).hasMessageContaining("not found");
    }
}
