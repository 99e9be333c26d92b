package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * validate, repair, baseline, upgrade --out-of-order and placeholders from the command line, on a real PostgreSQL:
 * every refusal is one line on stderr naming the task and the remedy, with exit 2.
 */
class AdoptionIT {

    @TempDir
    Path tmp;

    private TestDatabase db;
    private String manifest;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        manifest = Manifests.twoVersions(tmp).toString();
    }

    private Cli.Run cli(String... args) {
        return cli(Map.of(), args);
    }

    private Cli.Run cli(Map<String, String> env, String... args) {
        return Cli.run(env, Cli.withOptions(args, "--url", db.jdbcUrl(), "--manifest", manifest, "--node-id",
                "it-node"));
    }

    private static void assertRefused(Cli.Run run, String... parts) {
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
        assertThat(run.err().strip().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).startsWith("upsilon: ").contains(parts);
    }

    @Test
    void anEditedAppliedScriptRefusesUpgradeUntilRepaired() throws Exception {
        assertThat(cli("upgrade", "--to", "1.0").exitCode()).isZero();
        Files.writeString(tmp.resolve("sql/1.0/create_items.sql"),
                "-- items\nCREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);");

        assertRefused(cli("upgrade"), "validation failed: SQL script sql/1.0/create_items.sql of version 1.0 changed",
                "recorded checksum", "upsilon repair");
        assertRefused(cli("upgrade", "--to", "1.0"), "sql/1.0/create_items.sql");
        assertThat(db.queryOne("SELECT version FROM upsilon_data_version")).isEqualTo("1.0");

        Cli.Run validate = cli("validate", "--json");
        assertThat(validate.exitCode()).isEqualTo(2);
        assertThat(validate.json().get("valid").asBoolean()).isFalse();
        assertThat(validate.json().at("/issues/0/kind").asText()).isEqualTo("CHECKSUM_CHANGED");
        assertThat(validate.json().at("/issues/0/recordedChecksum").asText()).hasSize(64);

        Cli.Run dry = cli("repair", "--dry-run");
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("Would record the new checksum of 1 script", "sql/1.0/create_items.sql",
                "Dry run: nothing changed");
        assertRefused(cli("upgrade"), "sql/1.0/create_items.sql");

        Cli.Run repair = cli("repair", "--json");
        assertThat(repair.json().at("/checksums/0/task").asText()).isEqualTo("sql/1.0/create_items.sql");
        Cli.Run upgrade = cli("upgrade", "--json");
        assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
        assertThat(upgrade.json().get("tasks")).extracting(t -> t.get("task").asText())
                .containsExactly("sql/1.1/add_price.sql");
    }

    @Test
    void validateFailsOnPendingOnlyWhenAsked() {
        Cli.Run plain = cli("validate");
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.out()).contains("Data version none", "valid, 2 tasks pending", "sql/1.1/add_price.sql");

        Cli.Run ci = cli("validate", "--fail-on-pending", "--json");
        assertThat(ci.exitCode()).isEqualTo(1);
        assertThat(ci.json().get("pending")).hasSize(2);
        assertThat(ci.err()).isEqualTo("upsilon: 2 tasks pending; 'upsilon upgrade' runs them\n");

        assertThat(cli("upgrade").exitCode()).isZero();
        assertThat(cli("validate", "--fail-on-pending").exitCode()).isZero();
    }

    @Test
    void aTaskAddedToAnAppliedVersionRunsOnlyWithOutOfOrder() throws Exception {
        assertThat(cli("upgrade").exitCode()).isZero();
        Files.writeString(tmp.resolve("sql/1.0/index_items.sql"), "CREATE INDEX items_name ON items (name);");
        Files.writeString(tmp.resolve("upsilon.tasks"), "1.0\n  - sql/1.0/create_items.sql\n"
                + "  - sql/1.0/index_items.sql\n1.1\n  - sql/1.1/add_price.sql\n");

        assertRefused(cli("upgrade"), "task sql/1.0/index_items.sql", "the data is already at 1.1",
                "upsilon upgrade --out-of-order");
        assertThat(cli("validate", "--out-of-order", "--fail-on-pending").exitCode()).isEqualTo(1);

        Cli.Run run = cli("upgrade", "--out-of-order", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("tasks")).extracting(t -> t.get("task").asText())
                .containsExactly("sql/1.0/index_items.sql");
        assertThat(db.queryOne("SELECT to_regclass('items_name') IS NOT NULL")).isEqualTo(true);
        assertThat(cli("validate", "--fail-on-pending").exitCode()).isZero();
    }

    @Test
    void baselineAtAVersionThenUpgradeRunsOnlyTheNewerTask() {
        db.execute("CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL)");
        Cli.Run baseline = cli("baseline", "--baseline-version", "1.0");
        assertThat(baseline.exitCode()).as(baseline.toString()).isZero();
        assertThat(baseline.out()).contains("sql/1.0/create_items.sql", "BASELINE: data version 1.0");

        Cli.Run history = cli("history", "--json");
        assertThat(history.json().at("/history/0/status").asText()).isEqualTo("BASELINE");
        Cli.Run upgrade = cli("upgrade", "--json");
        assertThat(upgrade.json().get("tasks")).extracting(t -> t.get("task").asText())
                .containsExactly("sql/1.1/add_price.sql");

        assertRefused(cli("baseline", "--baseline-version", "1.0"), "already has Upsilon history", "upsilon validate");
    }

    @Test
    void baselineNeedsExactlyOneSource() {
        assertRefused(cli("baseline"), "--baseline-version", "--from-flyway", "--from-liquibase");
        assertRefused(cli("baseline", "--baseline-version", "1.0", "--from-flyway"), "mutually exclusive");
        assertRefused(cli("baseline", "--from-flyway"), "no Flyway history table flyway_schema_history",
                "--history-table");
        assertRefused(cli("baseline", "--from-liquibase", "--history-table", "x; drop"), "not a table name");
    }

    @Test
    void placeholdersComeFromOptionsEnvironmentAndFile() throws Exception {
        Path dir = Manifests.in(tmp.resolve("ph"))
                .file("upsilon.tasks", "1.0\n  - sql/t.sql\n")
                .file("sql/t.sql", "CREATE TABLE ${table} (id int, note text DEFAULT '${note}');")
                .write();
        Path conf = Files.writeString(tmp.resolve("upsilon.conf"), "placeholders.table=from_file\n"
                + "placeholders.note=file note\n");
        String[] base = {"--url", db.jdbcUrl(), "--manifest", dir.toString(), "--config", conf.toString()};

        Cli.Run unknown = Cli.run(concat(new String[] {"upgrade"}, "--url", db.jdbcUrl(), "--manifest",
                dir.toString()));
        assertRefused(unknown, "sql/t.sql", "${table}", "no placeholders are configured", "UPSILON_PLACEHOLDER_TABLE");

        Cli.Run run = Cli.run(Map.of("UPSILON_PLACEHOLDER_TABLE", "from_env", "UPSILON_PLACEHOLDER_NOTE", "env"),
                concat(new String[] {"upgrade", "--placeholder", "note=option note"}, base));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(db.queryOne("SELECT column_default FROM information_schema.columns WHERE table_name ="
                + " 'from_file' AND column_name = 'note'")).isEqualTo("'option note'::text");
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
