package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile and careless specs (issue 13, items 2, 6 and 8): refused with one line at the right place. */
class SpecInputTest {

    private static final String HEAD = "source: {url: \"jdbc:postgresql://a/b\"}\ntarget: {url: \"jdbc:postgresql://c/d\"}\n"
            + "entities:\n";

    @TempDir
    Path dir;

    private UpsilonException refused(String spec) throws Exception {
        Path file = dir.resolve("spec.yaml");
        Files.writeString(file, spec);
        try {
            MigrationSpec.load(file);
        } catch (UpsilonException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
            assertThat(e.getMessage()).doesNotContain("io.upsilon", "$", "java.").doesNotContain("\n");
            return e;
        }
        throw new AssertionError("accepted: " + spec);
    }

    @Test
    void anAliasIsRefusedNotReadAsTheAnchorsName() throws Exception {
        assertThat(refused(HEAD + "  - name: t\n    source: &t transfers\n    target: *t\n    key: [id]\n"
                + "    updatedAt: u\n")).hasMessageContaining("spec.yaml:6").hasMessageContaining("alias '*t'");
        assertThat(refused(HEAD + "  - name: t\n    source: s\n    target: s\n    key: [id]\n    updatedAt: u\n"
                + "    transforms:\n      - map: {field: state, values: &v {A: B}}\n      - map: {field: s2, values: *v}\n"))
                .hasMessageContaining("alias");
    }

    @Test
    void anAnchorWithoutAnAliasIsPlainData() throws Exception {
        Path file = dir.resolve("ok.yaml");
        Files.writeString(file, HEAD + "  - name: t\n    source: &t transfers\n    target: transfers\n    key: [id]\n"
                + "    updatedAt: u\n");
        assertThat(MigrationSpec.load(file).entities().get(0).source()).isEqualTo("transfers");
    }

    @Test
    void aNestedListWhereASingleValueBelongsIsAnError() throws Exception {
        assertThat(refused(HEAD + "  - name: t\n    source: s\n    target: [a, b]\n    key: [id]\n    updatedAt: u\n"))
                .hasMessageContaining("spec.yaml:6").hasMessageContaining("'entities[0].target' must be a single value");
        assertThat(refused(HEAD + "  - name: t\n    source: s\n    target: s\n    key: [id]\n    updatedAt: u\n"
                + "    transforms:\n      - map: {field: state, values: {A: [x, y]}}\n"))
                .hasMessageContaining("nested list");
        assertThat(refused(HEAD + "  - name: t\n    source: s\n    target: s\n    key: [id]\n    updatedAt: u\n"
                + "    transforms:\n      - default: {field: c, value: [x]}\n")).hasMessageContaining("nested list");
    }

    @Test
    void anUnknownKeyIsNamedAtItsOwnLineWithoutJavaClasses() throws Exception {
        assertThat(refused(HEAD + "  - name: t\n    source: s\n    bogus: 1\n    target: s\n    key: [id]\n"
                + "    updatedAt: u\n")).hasMessageContaining("spec.yaml:6: unknown key 'bogus'")
                .hasMessageContaining("target");
    }

    @Test
    void aQueryThatWritesIsRefused() throws Exception {
        assertThat(refused(HEAD + "  - name: t\n    query: \"DELETE FROM t RETURNING *\"\n    target: s\n"
                + "    key: [id]\n    updatedAt: u\n")).hasMessageContaining("'query' must read rows");
    }

    @Test
    void anEndlessFileIsRefusedAtTheLimit() throws Exception {
        Path big = dir.resolve("big.yaml");
        Files.write(big, new byte[SafeYaml.MAX_BYTES + 10]);
        assertThatThrownBy(() -> MigrationSpec.load(big)).hasMessageContaining("larger than 4 MB");
        Path zero = Path.of("/dev/zero");
        if (Files.isReadable(zero)) {
            assertThatThrownBy(() -> MigrationSpec.load(zero)).hasMessageContaining("larger than 4 MB");
        }
    }
}
