package io.upsilon.postgres.adopt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.UpsilonException;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ${name} placeholders in SQL scripts on a real PostgreSQL. */
class PlaceholdersIT {

    @TempDir
    Path tmp;
    private ScriptDir scripts;
    private TestDatabase db;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        scripts = new ScriptDir(tmp)
                .write("sql/1.0/schema.sql", "CREATE SCHEMA ${schema};\n"
                        + "CREATE TABLE ${schema}.notes (body text DEFAULT '\\${literal}');\n")
                .write("sql/1.1/grant.sql", "CREATE ROLE ${Reader_Role};\nGRANT USAGE ON SCHEMA ${schema} TO ${reader_role};\n");
    }

    @Test
    void replacesValuesCaseInsensitivelyAndKeepsEscapedOnesLiteral() {
        Manifest manifest = scripts.manifest("1.0\n  - sql/1.0/schema.sql\n1.1\n  - sql/1.1/grant.sql\n");
        ScriptDir.node(db, manifest, b -> b.placeholders(Map.of("schema", "billing", "READER_ROLE", "billing_reader")))
                .upgrade();
        assertThat(db.queryOne("SELECT column_default FROM information_schema.columns WHERE table_schema = 'billing'"
                + " AND table_name = 'notes'")).isEqualTo("'${literal}'::text");
        assertThat(db.queryOne("SELECT has_schema_privilege('billing_reader', 'billing', 'USAGE')")).isEqualTo(true);
    }

    @Test
    void anUnknownPlaceholderFailsBeforeAnyTaskRuns() {
        Manifest manifest = scripts.manifest("1.0\n  - sql/1.0/schema.sql\n1.1\n  - sql/1.1/grant.sql\n");
        assertThatThrownBy(() -> ScriptDir.node(db, manifest, b -> b.placeholders(Map.of("schema", "billing")))
                .upgrade()).isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PLACEHOLDER);
                    assertThat(e.code().exitCode()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("sql/1.1/grant.sql", "${Reader_Role}", "known: schema",
                            "UPSILON_PLACEHOLDER_READER_ROLE", "\\${Reader_Role}");
                });
        assertThat(db.queryOne("SELECT to_regnamespace('billing') IS NULL")).as("1.0 did not run either").isEqualTo(true);
    }

    @Test
    void checksumsAreOfTheScriptAsWrittenSoAnotherValueIsNoChange() {
        Manifest manifest = scripts.manifest("1.0\n  - sql/1.0/schema.sql\n");
        ScriptDir.node(db, manifest, b -> b.placeholders(Map.of("schema", "billing"))).upgrade();
        // staging names the schema differently: the same script, so validation is clean
        assertThat(ScriptDir.node(db, manifest, b -> b.placeholders(Map.of("schema", "billing_staging"))
                .validateAlways(true)).validate().issues()).isEmpty();
        assertThat(db.queryOne("SELECT checksum FROM upsilon_history"))
                .isEqualTo(manifest.allTasks().get(0).checksum().orElseThrow());
    }
}
