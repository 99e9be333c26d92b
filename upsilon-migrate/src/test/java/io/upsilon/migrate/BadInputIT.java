package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad input fails with one line naming the entity and the field, before any row is written. */
class BadInputIT {

    @TempDir
    Path dir;

    private MigrationFixture db;

    @BeforeEach
    void setUp() {
        db = new MigrationFixture(100);
    }

    private Path spec(String from, String replacement) throws Exception {
        Path spec = db.spec(dir, 100);
        Files.writeString(spec, Files.readString(spec).replace(from, replacement));
        return spec;
    }

    private void assertRejectedBeforeAnyRow(Path spec, ErrorCode code, String... fragments) {
        assertThatThrownBy(() -> db.migrator(spec)).isInstanceOfSatisfying(UpsilonException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.getMessage()).doesNotContain("\n");
        }).hasMessageContainingAll(fragments);
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(0L);
        assertThat(db.neu.queryOne("SELECT to_regclass('upsilon_migration_checkpoint') IS NULL")).isEqualTo(true);
    }

    @Test
    void anUnknownColumnInATransform() throws Exception {
        assertRejectedBeforeAnyRow(spec("{from: amount, to:", "{from: amount_cents, to:"), ErrorCode.BAD_INPUT,
                "entity transfers", "rename refers to unknown field 'amount_cents'");
        assertRejectedBeforeAnyRow(spec("lookup: id,", "lookup: quote_ref,"), ErrorCode.BAD_INPUT,
                "entity transfers", "merge from quotes (lookup) refers to unknown field 'quote_ref'");
    }

    @Test
    void aFieldWithoutATargetColumn() throws Exception {
        assertRejectedBeforeAnyRow(spec("      - drop: legacy\n", ""), ErrorCode.BAD_INPUT, "entity transfers",
                "field 'legacy' has no column in target table transfers");
    }

    @Test
    void aKeyColumnMissingFromTheTarget() throws Exception {
        db.neu.execute("ALTER TABLE transfer_fees RENAME COLUMN transfer_id TO tid");
        assertRejectedBeforeAnyRow(db.spec(dir, 100), ErrorCode.BAD_INPUT, "entity transfers",
                "key column 'transfer_id' is missing from target table transfer_fees");
    }

    @Test
    void aTypeMismatch() throws Exception {
        db.neu.execute("ALTER TABLE transfers ALTER COLUMN updated_at TYPE int USING 0");
        assertRejectedBeforeAnyRow(db.spec(dir, 100), ErrorCode.BAD_INPUT, "entity transfers",
                "field 'updated_at' is timestamptz in the source but int4 in target table transfers");
    }

    @Test
    void anUnreachableDatabase() throws Exception {
        Path spec = spec(db.old.jdbcUrl(), "jdbc:postgresql://127.0.0.1:1/nowhere?user=postgres");
        // the pool's timeout carries the driver's reason, not only "connection is not available"
        assertRejectedBeforeAnyRow(spec, ErrorCode.STORE_FAILURE, "entity transfers", "cannot read the source",
                "Connection to 127.0.0.1:1 refused", "reachable");
    }

    @Test
    void anUpdateTimeTheSourceCannotReadIsBadInputNamedAsTheCallerNamesIt() throws Exception {
        MigrationSpec spec = MigrationSpec.load(db.spec(dir, 100));
        Migrator migrator = Migrator.create(spec, Stores.source(spec.source(), java.util.Map.of()),
                Stores.target(spec.target(), java.util.Map.of()), getClass().getClassLoader(),
                Migrator.Options.defaults().withNames(term -> term == MigrationNames.Term.SINCE ? "--since"
                        : term.defaultName()));
        assertThat(migrator.plan(java.util.Optional.of("last tuesday"), Migrator.Deletes.PROPAGATE))
                .endsWith(", from --since last tuesday (deletes: propagate)...");
        assertThatThrownBy(() -> migrator.run(java.util.Optional.of("last tuesday"), Migrator.Deletes.IGNORE,
                MigrationListener.none())).isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT);
                    assertThat(e.getMessage()).startsWith("--since 'last tuesday' is not an update time the source"
                            + " accepts (").endsWith("e.g. '2026-01-01 00:00:00+00'").doesNotContain("\n");
                });
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(0L);
    }

    @Test
    void malformedSpecsNameTheFileAndLine() throws Exception {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "source: {url: x}\ntarget: {url: y}\nentities:\n  - name: t\n    colour: red\n");
        assertThatThrownBy(() -> MigrationSpec.load(spec)).hasMessageMatching(".*bad\\.yaml:[56]: .*")
                .hasMessageContaining("colour");
        Files.writeString(spec, "source: {url: \"jdbc:postgresql://h/db?password=hunter2\"}\ntarget: {url: y}\n"
                + "entities: []\n");
        assertThatThrownBy(() -> MigrationSpec.load(spec)).hasMessageContaining("passwordEnv")
                .hasMessageNotContaining("hunter2");
        Files.writeString(spec, db.spec(dir, 100).toFile().exists() ? Files.readString(db.spec(dir, 100))
                .replace("      - drop: legacy\n", "      - explode: legacy\n") : "");
        assertThatThrownBy(() -> db.migrator(spec)).hasMessageContaining("entity transfers, transform 3")
                .hasMessageContaining("unknown transform 'explode'");
    }
}
