package io.upsilon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.fixtures.NoopTask;
import io.upsilon.fixtures.ReversibleTask;
import io.upsilon.fixtures.TestScriptTasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestTest {

    @TempDir
    Path dir;

    private Manifest load(String text) throws IOException {
        Path file = dir.resolve("upsilon.tasks");
        Files.writeString(file, text);
        return Manifest.load(file, getClass().getClassLoader());
    }

    private void assertError(String text, String... fragments) {
        assertThatThrownBy(() -> load(text))
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MANIFEST))
                .hasMessageContainingAll(fragments);
    }

    @Test
    void parsesTheSeedFormatAsIs() throws IOException {
        Manifest m = load("""
                0.9
                  - io.upsilon.fixtures.NoopTask
                  - io.upsilon.fixtures.OtherNoopTask
                1.0
                  - io.upsilon.fixtures.ReversibleTask
                """);
        assertThat(m.versions()).extracting(Version::toString).containsExactly("0.9", "1.0");
        assertThat(m.tasks(Version.parse("0.9"))).extracting(TaskDefinition::name)
                .containsExactly("io.upsilon.fixtures.NoopTask", "io.upsilon.fixtures.OtherNoopTask");
        assertThat(m.tasks(Version.parse("1.0.0")).get(0).newTask()).isInstanceOf(ReversibleTask.class);
        assertThat(m.tasks(Version.parse("1.0")).get(0).newTask().canRollback()).isTrue();
        assertThat(new NoopTask().canRollback()).isFalse();
    }

    @Test
    void ordersVersionsByVersionNotFilePlace() throws IOException {
        Manifest m = load("""
                # comments and blank lines are fine
                1.10
                  - io.upsilon.fixtures.NoopTask

                1.9
                  - io.upsilon.fixtures.OtherNoopTask
                1.0.0-rc1
                  - io.upsilon.fixtures.ReversibleTask
                """);
        assertThat(m.versions()).extracting(Version::toString).containsExactly("1.0.0-rc1", "1.9", "1.10");
        assertThat(m.latest()).contains(Version.parse("1.10"));
        assertThat(m.floor(Version.parse("1.9.5"))).contains(Version.parse("1.9"));
        assertThat(m.previous(Version.parse("1.9"))).contains(Version.parse("1.0.0-rc1"));
    }

    @Test
    void sqlScriptsAreRelativeToTheManifestWithChecksumsAndTheirTasksComeFromTheScriptTaskFactory() throws IOException {
        Files.createDirectories(dir.resolve("sql/1.0"));
        Files.writeString(dir.resolve("sql/1.0/add.sql"), "CREATE TABLE t (id int);");
        Files.writeString(dir.resolve("sql/1.0/add.undo.sql"), "DROP TABLE t;");
        Files.writeString(dir.resolve("sql/1.0/bad.sql"), "SELECT 1 !");
        Manifest m = load("1.0\n  - sql/1.0/add.sql\n  - sql/1.0/bad.sql\n");
        TaskDefinition add = m.tasks(Version.parse("1.0")).get(0);
        assertThat(add.kind()).isEqualTo(TaskDefinition.Kind.SQL);
        assertThat(add.checksum()).hasValueSatisfying(c -> assertThat(c).hasSize(64));
        // made by the factory registered in the test sources' META-INF/services, with the undo script beside it
        assertThat(add.newTask()).isEqualTo(new TestScriptTasks.Script("sql/1.0/add.sql", true));
        // a script the factory refuses fails when its checksum is first read, before any task runs
        TaskDefinition bad = m.tasks(Version.parse("1.0")).get(1);
        assertThatThrownBy(bad::checksum).hasMessageContaining("SQL script 'sql/1.0/bad.sql' holds '!'");
    }

    @Test
    void checksumIgnoresLineEndingStyle() {
        assertThat(ManifestParser.checksum("a\r\nb")).isEqualTo(ManifestParser.checksum("a\nb"));
        assertThat(ManifestParser.checksum("a\nb")).isNotEqualTo(ManifestParser.checksum("a\nc"));
    }

    @Test
    void unknownClass() {
        assertError("1.0\n  - com.acme.Missing\n", "upsilon.tasks:2", "unknown task class 'com.acme.Missing'",
                "--classpath");
    }

    @Test
    void classThatIsNotATask() {
        assertError("1.0\n  - io.upsilon.fixtures.NotATask\n", "upsilon.tasks:2", "is not an upgrade task",
                "BaseUpgradeTask");
    }

    @Test
    void abstractClassOrNoDefaultConstructor() {
        assertError("1.0\n  - io.upsilon.fixtures.AbstractTask\n", ":2", "abstract");
        assertError("1.0\n  - io.upsilon.fixtures.NeedsArgumentTask\n", ":2", "no-argument constructor");
    }

    @Test
    void duplicateVersionEvenWhenWrittenDifferently() {
        assertError("1.0\n  - io.upsilon.fixtures.NoopTask\n1.0.0\n  - io.upsilon.fixtures.OtherNoopTask\n",
                "upsilon.tasks:3", "duplicate version '1.0.0'", "line 1");
    }

    @Test
    void taskListedTwice() {
        assertError("1.0\n  - io.upsilon.fixtures.NoopTask\n1.1\n  - io.upsilon.fixtures.NoopTask\n",
                "upsilon.tasks:4", "listed twice", "line 2");
    }

    @Test
    void versionWithNoTasks() {
        assertError("1.0\n1.1\n  - io.upsilon.fixtures.NoopTask\n", "upsilon.tasks:1", "version 1.0 has no tasks");
    }

    @Test
    void missingSqlFile() {
        assertError("1.0\n  - sql/nope.sql\n", "upsilon.tasks:2", "SQL script 'sql/nope.sql' not found");
    }

    @Test
    void taskBeforeAnyVersionAndGarbageLines() {
        assertError("  - io.upsilon.fixtures.NoopTask\n", "upsilon.tasks:1", "before any version");
        assertError("1.0\n  - io.upsilon.fixtures.NoopTask\nversion two\n", "upsilon.tasks:3",
                "neither a version nor a task entry");
        assertError("1.0\n  - not a class!\n", "upsilon.tasks:2", "neither a Java class name nor a path");
    }

    @Test
    void missingFileNamesThePath() {
        assertThatThrownBy(() -> Manifest.load(dir.resolve("nope.tasks"), getClass().getClassLoader()))
                .isInstanceOf(UpsilonException.class).hasMessageContaining("nope.tasks").hasMessageContaining("--manifest");
    }

    @Test
    void loadsFromClassPathResourceWithRelativeSql() {
        Manifest m = Manifest.loadResource("manifests/upsilon.tasks", getClass().getClassLoader());
        assertThat(m.allTasks()).extracting(TaskDefinition::name)
                .containsExactly("sql/create.sql", "io.upsilon.fixtures.NoopTask");
        assertThatThrownBy(() -> Manifest.loadResource("nope/upsilon.tasks", getClass().getClassLoader()))
                .hasMessageContaining("not found on the class path");
    }
}
