package io.upsilon.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.BaselineResult;
import io.upsilon.ErrorCode;
import io.upsilon.ForeignMigration;
import io.upsilon.ForeignMigration.Tool;
import io.upsilon.ForeignMigration.Type;
import io.upsilon.Manifest;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.spi.TaskRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mapping of another tool's history onto a manifest, and each way it refuses. */
class BaselinerTest {

    private static final Map<String, String> SCRIPTS = Map.of(
            "sql/V1__a.sql", "CREATE TABLE a ();\n",
            "sql/V2__b.sql", "CREATE TABLE b ();\n",
            "sql/3.0/c.sql", "CREATE TABLE c ();\n");

    private static Manifest manifest(String text) {
        return Manifest.parse(text, "upsilon.tasks", BaselinerTest.class.getClassLoader(),
                path -> Optional.ofNullable(SCRIPTS.get(path)));
    }

    private static ForeignMigration flyway(String version, String script, String checksum) {
        return new ForeignMigration(Tool.FLYWAY, version == null ? Type.REPEATABLE : Type.VERSIONED,
                Optional.ofNullable(version), script, Optional.empty(), Optional.empty(), Optional.ofNullable(checksum),
                true, Instant.EPOCH);
    }

    private static String crc(String path) {
        return Integer.toString(FlywayChecksum.of(SCRIPTS.get(path)));
    }

    private static UpsilonException refusal(Manifest manifest, List<ForeignMigration> rows) {
        try {
            new Baseliner(manifest, "n", 1).fromForeign(rows);
        } catch (UpsilonException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.BASELINE_REFUSED);
            assertThat(e.getMessage()).startsWith("baseline refused: ").doesNotContain("\n");
            return e;
        }
        throw new AssertionError("not refused");
    }

    @Test
    void theDataVersionIsTheLastFullyAppliedVersionAndTheNextVersionsAppliedTasksAreKept() {
        Manifest m = manifest("1\n  - sql/V1__a.sql\n2\n  - sql/V2__b.sql\n  - sql/3.0/c.sql\n");
        BaselineResult result = new Baseliner(m, "n", 1).fromForeign(List.of(flyway("1", "V1__a.sql", crc("sql/V1__a.sql")),
                flyway(null, "R__view.sql", "5")));
        assertThat(result.dataVersion()).isEqualTo(Version.parse("1"));
        assertThat(result.rows()).extracting(TaskRecord::task).containsExactly("sql/V1__a.sql");
        assertThat(result.ignored()).singleElement().asString().startsWith("Flyway repeatable R__view.sql");
    }

    @Test
    void aScriptChecksumDifferentFromFlywaysIsRefused() {
        Manifest m = manifest("1\n  - sql/V1__a.sql\n");
        assertThat(refusal(m, List.of(flyway("1", "V1__a.sql", "42"))).getMessage())
                .contains("Flyway V1 (V1__a.sql): script sql/V1__a.sql changed since Flyway ran it (Flyway's checksum"
                        + " 42, the script's now " + crc("sql/V1__a.sql") + ")");
    }

    @Test
    void aTaskAppliedAfterOneThatWasNotIsRefused() {
        Manifest m = manifest("1\n  - sql/V1__a.sql\n2\n  - sql/V2__b.sql\n3\n  - sql/3.0/c.sql\n");
        assertThat(refusal(m, List.of(flyway("1", "V1__a.sql", null), flyway("3", "c.sql", null))).getMessage())
                .contains("task sql/3.0/c.sql of version 3 was applied by Flyway but task sql/V2__b.sql of the earlier"
                        + " version 2 was not", "order the manifest");
    }

    @Test
    void aHistoryThatCoversNoWholeVersionIsRefused() {
        Manifest m = manifest("1\n  - sql/V1__a.sql\n  - sql/V2__b.sql\n");
        assertThat(refusal(m, List.of(flyway("1", "V1__a.sql", null))).getMessage())
                .contains("no version of manifest upsilon.tasks is fully applied", "baseline --baseline-version");
    }

    @Test
    void aLiquibaseFailedChangesetIsRefused() {
        Manifest m = manifest("1\n  - sql/V1__a.sql\n");
        ForeignMigration failed = new ForeignMigration(Tool.LIQUIBASE, Type.CHANGESET, Optional.empty(),
                "db/changelog.xml", Optional.of("V1__a"), Optional.of("ann"), Optional.empty(), false, Instant.EPOCH);
        assertThat(refusal(m, List.of(failed)).getMessage()).contains("Liquibase changeset V1__a:ann"
                + " (db/changelog.xml) failed", "DATABASECHANGELOG");
    }

    @Test
    void aVersionLineDoesNotClaimATaskWhoseFlywayScriptIsAnothers() {
        // V1 is sql/V1__a.sql's own script: it must not also mark the unrelated c.sql of the same version applied
        Manifest m = manifest("1\n  - sql/V1__a.sql\n  - sql/3.0/c.sql\n");
        assertThat(refusal(m, List.of(flyway("1", "V1__a.sql", null))).getMessage()).contains("fully applied");
    }
}
