package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsilon.testsupport.HostileTenantIds;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code upsilon tenant install|upgrade|list|purge} on a real PostgreSQL, a schema per tenant. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TenantCommandsIT {

    /** 2.0.0's last task fails in tenant t2's schema only, after the task before it changed the table. */
    private static final String FAILS_IN_T2 = "DO $$ BEGIN IF current_schema() = 't2_mod_x' THEN"
            + " RAISE EXCEPTION 'boom'; END IF; END $$;";

    @TempDir
    Path tmp;

    private TestDatabase db;
    private String good;
    private String failing;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        good = manifest(tmp.resolve("good"), "SELECT 1;");
        failing = manifest(tmp.resolve("failing"), FAILS_IN_T2);
    }

    /** mod-x's tasks: 1.0.0 creates and fills a table, 2.0.0 adds a column and then runs {@code check}. */
    private static String manifest(Path dir, String check) {
        return Manifests.in(dir)
                .file("upsilon.tasks", "1.0.0\n  - sql/1.0.0/create.sql\n2.0.0\n  - sql/2.0.0/add_quote.sql\n"
                        + "  - sql/2.0.0/check.sql\n")
                .file("sql/1.0.0/create.sql", "CREATE TABLE transfers (id int PRIMARY KEY, amount numeric);"
                        + " INSERT INTO transfers SELECT g, g * 10 FROM generate_series(1, 5) g;")
                .file("sql/1.0.0/create.undo.sql", "DROP TABLE transfers;")
                .file("sql/2.0.0/add_quote.sql", "ALTER TABLE transfers ADD COLUMN quote_id text;"
                        + " UPDATE transfers SET quote_id = 'q' || id;")
                .file("sql/2.0.0/add_quote.undo.sql", "ALTER TABLE transfers DROP COLUMN quote_id;")
                .file("sql/2.0.0/check.sql", check)
                .write().toString();
    }

    private Cli.Run tenant(String manifest, String... args) {
        List<String> all = new ArrayList<>(List.of("tenant"));
        all.addAll(List.of(args));
        all.addAll(List.of("--url", db.jdbcUrl()));
        if (args[0].equals("install") || args[0].equals("upgrade")) { // the actions that run tasks
            all.addAll(List.of("--manifest", manifest));
        }
        return Cli.run(all.toArray(String[]::new));
    }

    private void install(String manifest, String... tenants) {
        for (String t : tenants) {
            Cli.Run run = tenant(manifest, "install", "--tenant", t, "--module", "mod-x", "--to", "1.0.0");
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).contains("CREATED: tenant " + t + " has mod-x 1.0.0 in schema " + t + "_mod_x");
        }
    }

    /** The registry rows, as text: equal exactly when no tenant's row changed. */
    private String registry() {
        return String.valueOf(db.queryOne("SELECT string_agg(concat_ws('|', tenant, module, module_version,"
                + " last_outcome, last_error, updated_at), E'\\n' ORDER BY module, tenant) FROM upsilon_tenant"));
    }

    /** A tenant's schema objects and data: equal exactly when nothing of it changed. */
    private String snapshot(String tenant) {
        String schema = tenant + "_mod_x";
        String objects = db.schemaDump().lines().filter(l -> l.contains(schema)).collect(Collectors.joining("\n"));
        return objects + "\n" + db.queryOne("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM " + schema
                + ".transfers t");
    }

    private String version(String tenant) {
        return (String) db.queryOne("SELECT module_version FROM upsilon_tenant WHERE tenant = '" + tenant + "'");
    }

    private static List<String> tableRows(Cli.Run run) {
        return run.out().lines().filter(l -> l.startsWith("  t")).map(String::strip).toList();
    }

    @Test
    void installsSimulatesUpgradesAndLists() {
        install(good, "t1", "t2", "t3");
        Cli.Run again = tenant(good, "install", "--tenant", "t1", "--module", "mod-x", "--to", "1.0.0", "--json");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.json().get("outcome").asText()).isEqualTo("UNCHANGED");
        assertThat(again.json().get("schema").asText()).isEqualTo("t1_mod_x");
        assertThat(again.json().get("error").isNull()).isTrue();

        String dump = db.schemaDump();
        String registry = registry();
        Cli.Run simulated = tenant(good, "upgrade", "--module", "mod-x", "--to", "2.0.0", "--canary", "t3",
                "--simulate");
        assertThat(simulated.exitCode()).as(simulated.toString()).isZero();
        assertThat(simulated.out()).contains("Simulated, nothing changed", "canary t3 first", "Expected: 3 upgraded");
        assertThat(tableRows(simulated)).containsExactly("t3      1.0.0  2.0.0  UPGRADED  -",
                "t1      1.0.0  2.0.0  UPGRADED  -", "t2      1.0.0  2.0.0  UPGRADED  -");
        JsonNode simulatedJson = tenant(good, "upgrade", "--module", "mod-x", "--to", "mod-x-2.0.0", "--simulate",
                "--json").json();
        assertThat(simulatedJson.get("simulate").asBoolean()).isTrue();
        assertThat(simulatedJson.get("steps")).extracting(s -> s.get("tenant").asText() + " "
                + s.get("outcome").asText()).containsExactly("t1 UPGRADED", "t2 UPGRADED", "t3 UPGRADED");
        assertThat(db.schemaDump()).as("--simulate changes no schema").isEqualTo(dump);
        assertThat(registry()).as("--simulate changes no registry row").isEqualTo(registry);

        Cli.Run upgrade = tenant(good, "upgrade", "--module", "mod-x", "--to", "2.0.0", "--parallel", "2");
        assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
        assertThat(upgrade.err()).isEmpty();
        assertThat(upgrade.out()).contains("TENANT  FROM   TO     OUTCOME   MESSAGE", "Summary: 3 upgraded.")
                .doesNotContain("SKIPPED");
        assertThat(tableRows(upgrade)).containsExactlyInAnyOrder("t1      1.0.0  2.0.0  UPGRADED  -",
                "t2      1.0.0  2.0.0  UPGRADED  -", "t3      1.0.0  2.0.0  UPGRADED  -");
        assertThat(db.queryOne("SELECT count(*) FROM t3_mod_x.transfers WHERE quote_id IS NOT NULL")).isEqualTo(5L);

        Cli.Run json = tenant(good, "upgrade", "--module", "mod-x", "--to", "mod-x-2.0.0", "--json");
        assertThat(json.exitCode()).as(json.toString()).isZero();
        assertThat(json.json().get("to").asText()).isEqualTo("2.0.0");
        assertThat(json.json().get("results")).extracting(r -> r.get("tenant").asText() + " "
                + r.get("from").asText() + " " + r.get("outcome").asText())
                .containsExactly("t1 2.0.0 UNCHANGED", "t2 2.0.0 UNCHANGED", "t3 2.0.0 UNCHANGED");
        assertThat(json.json().get("skipped")).isEmpty();
        assertThat(json.json().get("error").isNull()).isTrue();

        Cli.Run list = Cli.run("tenant", "list", "--url", db.jdbcUrl());
        assertThat(list.exitCode()).as(list.toString()).isZero();
        assertThat(list.out()).contains("TENANT  MODULE  VERSION  STATE    LAST OUTCOME  LAST ERROR  UPDATED AT");
        assertThat(tableRows(list)).hasSize(3).allSatisfy(row -> assertThat(row).contains("mod-x   2.0.0",
                "UNCHANGED"));
        JsonNode listed = Cli.run("tenant", "list", "--module", "mod-x", "--json", "--url", db.jdbcUrl()).json();
        assertThat(listed.get("module").asText()).isEqualTo("mod-x");
        assertThat(listed.get("tenants")).extracting(r -> r.get("tenant").asText() + " " + r.get("version").asText())
                .containsExactly("t1 2.0.0", "t2 2.0.0", "t3 2.0.0");
        assertThat(listed.at("/tenants/0/updatedAt").asText()).isNotEmpty();
        assertThat(Cli.run("tenant", "list", "--module", "mod-y", "--url", db.jdbcUrl()).out())
                .contains("No tenant has mod-y");
    }

    /** 2.0.0's check task has no rollback: going back to 1.0.0 is refused for every tenant, which is no success. */
    @Test
    void aRefusedDowngradeIsReportedAndExitsWithOne() {
        install(good, "t1", "t2");
        assertThat(tenant(good, "upgrade", "--module", "mod-x", "--to", "2.0.0").exitCode()).isZero();
        Cli.Run simulated = tenant(good, "upgrade", "--module", "mod-x", "--to", "1.0.0", "--simulate");
        assertThat(simulated.out()).contains("a downgrade: REJECTED instead if a task in between has no rollback");
        String dump = db.schemaDump();

        Cli.Run down = tenant(good, "upgrade", "--module", "mod-x", "--to", "1.0.0");

        assertThat(down.exitCode()).as(down.toString()).isEqualTo(1);
        assertThat(tableRows(down)).hasSize(2).allSatisfy(row -> assertThat(row).contains("2.0.0  1.0.0  REJECTED",
                "task sql/2.0.0/check.sql of version 2.0.0 has no rollback"));
        assertThat(down.err().strip().lines()).as(down.toString()).hasSize(1);
        assertThat(down.err()).startsWith("upsilon: 2 tenants did not reach 1.0.0 (t1 REJECTED, t2 REJECTED)");
        assertThat(db.schemaDump()).isEqualTo(dump);
        assertThat(version("t1")).isEqualTo("2.0.0");
    }

    @Test
    void aFailingTenantStopsTheRunAndTheRestAreSkippedUntouched() {
        install(failing, "t1", "t2", "t3", "t4");
        String t2Before = snapshot("t2");
        String t3Before = snapshot("t3");

        Cli.Run run = tenant(failing, "upgrade", "--module", "mod-x", "--to", "2.0.0");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(tableRows(run)).containsExactly(
                "t1      1.0.0  2.0.0  UPGRADED  -",
                "t2      1.0.0  2.0.0  FAILED    upgrade of tenant t2 to mod-x-2.0.0 failed and was rolled back:"
                        + " ERROR: boom",
                "t3      1.0.0  2.0.0  SKIPPED   not touched: the run stopped",
                "t4      1.0.0  2.0.0  SKIPPED   not touched: the run stopped");
        assertThat(run.out()).contains("Skipped (not touched): t3, t4", "Summary: 1 upgraded, 1 failed, 2 skipped.");
        assertThat(run.err().strip().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).startsWith("upsilon: tenant t2 FAILED: ").contains("boom", "2 tenants skipped",
                "run the upgrade of mod-x again");
        assertThat(snapshot("t2")).as("t2 rolled back: its column add is undone").isEqualTo(t2Before);
        assertThat(snapshot("t3")).isEqualTo(t3Before);
        assertThat(List.of(version("t1"), version("t2"), version("t3"), version("t4")))
                .containsExactly("2.0.0", "1.0.0", "1.0.0", "1.0.0");

        Cli.Run list = Cli.run("tenant", "list", "--json", "--url", db.jdbcUrl());
        assertThat(list.json().at("/tenants/1/lastOutcome").asText()).isEqualTo("FAILED");
        assertThat(list.json().at("/tenants/1/lastError").asText()).contains("boom");
        assertThat(list.json().at("/tenants/1/version").asText()).isEqualTo("1.0.0");

        Cli.Run onward = tenant(failing, "upgrade", "--module", "mod-x", "--to", "2.0.0", "--continue-on-error",
                "--json");
        assertThat(onward.exitCode()).as(onward.toString()).isEqualTo(1);
        assertThat(onward.json().get("results")).extracting(r -> r.get("tenant").asText() + " "
                + r.get("outcome").asText())
                .containsExactly("t1 UNCHANGED", "t2 FAILED", "t3 UPGRADED", "t4 UPGRADED");
        assertThat(onward.json().get("skipped")).isEmpty();
        assertThat(onward.json().at("/error/code").asText()).isEqualTo("TENANT_FAILED");
        assertThat(onward.json().at("/error/exitCode").asInt()).isEqualTo(1);
        assertThat(onward.err()).startsWith("upsilon: tenant t2 FAILED");
        assertThat(version("t4")).isEqualTo("2.0.0");
    }

    @Test
    void aFailingCanaryStopsTheRunBeforeAnyOtherTenantIsTouched() {
        install(failing, "t1", "t2", "t3");
        String others = snapshot("t1") + snapshot("t3");
        String registry = registry().lines().filter(l -> !l.startsWith("t2|")).collect(Collectors.joining("\n"));

        Cli.Run run = tenant(failing, "upgrade", "--module", "mod-x", "--to", "2.0.0", "--canary", "t2",
                "--parallel", "3", "--continue-on-error");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(tableRows(run)).containsExactly(
                "t2      1.0.0  2.0.0  FAILED   upgrade of tenant t2 to mod-x-2.0.0 failed and was rolled back:"
                        + " ERROR: boom",
                "t1      1.0.0  2.0.0  SKIPPED  not touched: the canary failed",
                "t3      1.0.0  2.0.0  SKIPPED  not touched: the canary failed");
        assertThat(run.err().strip().lines()).as(run.toString()).hasSize(1);
        assertThat(run.err()).startsWith("upsilon: canary tenant t2 FAILED").contains("no other tenant was touched");
        assertThat(snapshot("t1") + snapshot("t3")).isEqualTo(others);
        assertThat(registry().lines().filter(l -> !l.startsWith("t2|")).collect(Collectors.joining("\n")))
                .isEqualTo(registry);

        JsonNode json = tenant(failing, "upgrade", "--module", "mod-x", "--to", "2.0.0", "--canary", "t2",
                "--json").json();
        assertThat(json.get("results")).singleElement().satisfies(r -> assertThat(r.get("outcome").asText())
                .isEqualTo("FAILED"));
        assertThat(json.get("skipped")).extracting(JsonNode::asText).containsExactly("t1", "t3");
        assertThat(json.at("/error/code").asText()).isEqualTo("CANARY_FAILED");

        Cli.Run notInstalled = tenant(good, "upgrade", "--module", "mod-x", "--to", "2.0.0", "--canary", "t9");
        assertThat(notInstalled.exitCode()).as(notInstalled.toString()).isEqualTo(2);
        assertThat(notInstalled.err()).contains("canary tenant t9 has no enabled mod-x installed");
    }

    @Test
    void purgeNeedsYesAndDropsOnlyTheTenantsOwnSchema() {
        install(good, "t1", "t2");
        Cli.Run refused = Cli.run("tenant", "purge", "--tenant", "t1", "--module", "mod-x", "--url", db.jdbcUrl());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("drops schema t1_mod_x", "--yes");
        assertThat(schemaExists("t1_mod_x")).isTrue();

        Cli.Run purged = Cli.run("tenant", "purge", "--tenant", "t1", "--module", "mod-x", "--yes", "--url",
                db.jdbcUrl());
        assertThat(purged.exitCode()).as(purged.toString()).isZero();
        assertThat(purged.out()).contains("Purged tenant t1's mod-x: dropped schema t1_mod_x");
        assertThat(schemaExists("t1_mod_x")).isFalse();
        assertThat(schemaExists("t2_mod_x")).isTrue();
        JsonNode listed = Cli.run("tenant", "list", "--json", "--url", db.jdbcUrl()).json();
        assertThat(listed.get("tenants")).extracting(r -> r.get("tenant").asText()).containsExactly("t2");

        Cli.Run again = Cli.run("tenant", "purge", "--tenant", "t1", "--module", "mod-x", "--yes", "--json",
                "--url", db.jdbcUrl());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.json().get("purged").asBoolean()).isFalse();

        // a schema of the right name that is no tenant's stays
        db.execute("CREATE SCHEMA app_mod_x; CREATE TABLE app_mod_x.keep (id int)");
        Cli.Run notATenant = Cli.run("tenant", "purge", "--tenant", "app", "--module", "mod-x", "--yes", "--url",
                db.jdbcUrl());
        assertThat(notATenant.exitCode()).as(notATenant.toString()).isZero();
        assertThat(notATenant.out()).contains("Nothing to purge", "app_mod_x exists", "left as it is");
        assertThat(schemaExists("app_mod_x")).isTrue();
    }

    /** t2 + mod-x and t2_mod + x both name their schema t2_mod_x; the second install is refused, its purge drops nothing. */
    @Test
    void purgeRefusesASchemaThatBelongsToAnotherTenantAndModule() {
        install(good, "t2");
        Cli.Run clash = tenant(good, "install", "--tenant", "t2_mod", "--module", "x", "--to", "1.0.0");
        // refused before anything is written: the schema name is already another tenant's
        assertThat(clash.exitCode()).as(clash.toString()).isEqualTo(1);
        assertThat(clash.out()).contains("REJECTED");
        assertThat(clash.err()).contains("t2_mod").contains("already exists");

        Cli.Run purge = Cli.run("tenant", "purge", "--tenant", "t2_mod", "--module", "x", "--yes", "--url",
                db.jdbcUrl());

        // the refused install left no registry row, so there is nothing of t2_mod to purge
        assertThat(purge.exitCode()).as(purge.toString()).isZero();
        assertThat(purge.out()).contains("Nothing to purge");
        assertThat(schemaExists("t2_mod_x")).isTrue();
        assertThat(db.queryOne("SELECT count(*) FROM t2_mod_x.transfers")).isEqualTo(5L);
    }

    @Test
    void everyHostileTenantIdIsRefusedAndNoSchemaAppears() {
        install(good, "t1");
        Object schemas = db.queryOne("SELECT count(*) FROM pg_namespace");
        String registry = registry();
        List<String> failures = new ArrayList<>();
        for (String id : HostileTenantIds.IDS) {
            for (Cli.Run run : List.of(
                    tenant(good, "install", "--tenant", id, "--module", "mod-x", "--to", "1.0.0"),
                    tenant(good, "upgrade", "--module", "mod-x", "--to", "2.0.0", "--canary", id),
                    Cli.run("tenant", "purge", "--tenant", id, "--module", "mod-x", "--yes", "--url", db.jdbcUrl()))) {
                if (run.exitCode() != 2 || run.err().strip().lines().count() != 1
                        || !TenantCommandTest.printable(run.err())) {
                    failures.add(io.upsilon.tenant.TenantId.printable(id) + " -> " + run);
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(db.queryOne("SELECT count(*) FROM pg_namespace")).isEqualTo(schemas);
        assertThat(registry()).isEqualTo(registry);
        assertThat(version("t1")).as("the valid tenant was never upgraded").isEqualTo("1.0.0");
    }

    private boolean schemaExists(String schema) {
        return (Long) db.queryOne("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'") == 1L;
    }
}
