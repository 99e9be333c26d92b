package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsilon.config.Secrets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate run} and {@code migrate verify} between two real databases, in text and JSON. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MigrateIT {

    static final String OLD_PASSWORD = "old-pa55word";
    static final String NEW_PASSWORD = "new-pa55word";
    static final Map<String, String> ENV = Map.of("OLD_DB_PASSWORD", OLD_PASSWORD, "NEW_DB_PASSWORD", NEW_PASSWORD);

    @TempDir
    Path dir;

    static Cli.Run migrate(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "migrate";
        System.arraycopy(args, 0, all, 1, args.length);
        Cli.Run run = Cli.run(ENV, all);
        assertThat(run.all()).doesNotContain(OLD_PASSWORD, NEW_PASSWORD);
        return run;
    }

    @Test
    void runCopiesEveryRowThenVerifyMatches() throws Exception {
        MigrationDatabases db = new MigrationDatabases(2_000);
        String spec = db.spec(dir, 500).toString();

        Cli.Run run = migrate("run", "--spec", spec);

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Migrating 1 entity from " + db.old.jdbcUrl().replace("?user=postgres", ""),
                "ENTITY", "FROM", "READ", "WRITTEN", "WATERMARK", "ROWS/S",
                "transfers  start", "2000", "transfers 2000, transfer_fees 2000", "2026-01-01 00:03:20+00",
                "the next run reads from there",
                "capture: watermark (wal_level is replica; set wal_level=logical for log capture)");
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(2_000L);
        assertThat(db.neu.queryOne("SELECT currency || state FROM transfers WHERE id = 42")).isEqualTo("EURACTIVE");

        Cli.Run verify = migrate("verify", "--spec", spec);
        assertThat(verify.exitCode()).as(verify.toString()).isZero();
        assertThat(verify.err()).isEmpty();
        assertThat(verify.out()).contains("EXPECTED", "ACTUAL", "transfer_fees", "All 2 tables match.");

        Cli.Run again = migrate("run", "--spec", spec, "--json");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        JsonNode entity = again.json().at("/entities/0");
        assertThat(entity.get("entity").asText()).isEqualTo("transfers");
        assertThat(entity.get("started").asText()).isEqualTo("checkpoint");
        assertThat(entity.get("rowsRead").asLong()).as("the overlap only: 2 s of 10 rows").isBetween(1L, 30L);
        assertThat(entity.get("watermark").asText()).startsWith("2026-01-01 00:03:20");
        assertThat(entity.get("deletesFound").isNull()).isTrue();
        assertThat(entity.has("rowsPerSecond")).isTrue();
        assertThat(again.json().get("deletes").asText()).isEqualTo("ignore");

        JsonNode verified = migrate("verify", "--spec", spec, "--json").json();
        assertThat(verified.get("matches").asBoolean()).isTrue();
        assertThat(verified.get("tables")).extracting(t -> t.get("expected").asLong()).containsExactly(2_000L, 2_000L);
        assertThat(verified.get("error").isNull()).isTrue();
    }

    @Test
    void aChangedTargetRowFailsVerifyNamingItsKey() throws Exception {
        MigrationDatabases db = new MigrationDatabases(1_000);
        String spec = db.spec(dir, 500).toString();
        assertThat(migrate("run", "--spec", spec).exitCode()).isZero();
        db.neu.execute("UPDATE transfers SET currency = 'USD' WHERE id = 777; DELETE FROM transfers WHERE id = 778");

        Cli.Run verify = migrate("verify", "--spec", spec);

        assertThat(verify.exitCode()).as(verify.toString()).isEqualTo(1);
        assertThat(verify.out()).contains("transfers: missing 778; different 777", "2 mismatching keys in 1 table of 2");
        assertThat(verify.err().lines()).hasSize(1);
        assertThat(verify.err()).startsWith("upsilon: the target does not match the source: 2 mismatching keys in"
                + " transfers (2 keys)").contains("migrate run --spec " + spec + " --since");

        Cli.Run json = migrate("verify", "--spec", spec, "--json", "--max-keys", "1");
        assertThat(json.exitCode()).as(json.toString()).isEqualTo(1);
        assertThat(json.json().get("matches").asBoolean()).isFalse();
        JsonNode transfers = json.json().at("/tables/0");
        assertThat(transfers.get("table").asText()).isEqualTo("transfers");
        assertThat(transfers.get("expected").asLong()).isEqualTo(1_000);
        assertThat(transfers.get("actual").asLong()).isEqualTo(999);
        assertThat(transfers.get("mismatches").asLong()).isEqualTo(2);
        assertThat(transfers.at("/different/0/0").asText()).isEqualTo("777");
        assertThat(transfers.at("/missing/0/0").asText()).isEqualTo("778");
        assertThat(json.json().at("/tables/1/mismatches").asLong()).isZero();
        assertThat(json.json().at("/error/code").asText()).isEqualTo("VERIFY_MISMATCH");
        assertThat(json.json().at("/error/exitCode").asInt()).isEqualTo(1);
    }

    @Test
    void sinceReadsFromTheGivenUpdateTimeMinusTheOverlap() throws Exception {
        MigrationDatabases db = new MigrationDatabases(2_000);
        String spec = db.spec(dir, 500).toString();

        Cli.Run run = migrate("run", "--spec", spec, "--since", "2026-01-01 00:03:00+00", "--json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("since").asText()).isEqualTo("2026-01-01 00:03:00+00");
        assertThat(run.json().at("/entities/0/started").asText()).isEqualTo("since");
        // from 00:02:58 (two seconds of overlap): ids 1780..2000
        assertThat(run.json().at("/entities/0/rowsRead").asLong()).isEqualTo(2_000 - 1_780 + 1);
        assertThat(db.neu.queryOne("SELECT min(id) FROM transfers")).isEqualTo(1_780L);

        Cli.Run text = migrate("run", "--spec", spec, "--since", "2026-01-01 00:03:00+00");
        assertThat(text.out()).contains("from --since 2026-01-01 00:03:00+00", "transfers  since  221");

        Cli.Run bad = migrate("run", "--spec", spec, "--since", "last tuesday");
        assertThat(bad.exitCode()).as(bad.toString()).isEqualTo(2);
        assertThat(bad.err().lines()).hasSize(1);
        assertThat(bad.err()).contains("--since 'last tuesday' is not an update time the source accepts");
    }

    @Test
    void deletesAreReportedThenPropagated() throws Exception {
        MigrationDatabases db = new MigrationDatabases(1_000);
        String spec = db.spec(dir, 500).toString();
        assertThat(migrate("run", "--spec", spec).exitCode()).isZero();
        db.old.execute("DELETE FROM transfers WHERE id BETWEEN 10 AND 19");

        Cli.Run report = migrate("run", "--spec", spec, "--deletes", "report");
        assertThat(report.exitCode()).as(report.toString()).isZero();
        assertThat(report.out()).contains("DELETES", "20 found, kept", "20 rows deleted in the source are still in"
                + " the target; '--deletes propagate' deletes them");
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(1_000L);

        Cli.Run propagate = migrate("run", "--spec", spec, "--deletes", "propagate", "--json");
        assertThat(propagate.exitCode()).as(propagate.toString()).isZero();
        assertThat(propagate.json().get("deletes").asText()).isEqualTo("propagate");
        assertThat(propagate.json().at("/entities/0/deletesFound").asLong()).as("10 transfers and their 10 fee rows")
                .isEqualTo(20);
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(990L);
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfer_fees WHERE transfer_id BETWEEN 10 AND 19"))
                .isEqualTo(0L);
        assertThat(migrate("verify", "--spec", spec).exitCode()).isZero();
    }

    @Test
    void aTransformNamingAnUnknownFieldFailsWithExitTwoBeforeAnyRowIsWritten() throws Exception {
        MigrationDatabases db = new MigrationDatabases(100);
        String spec = db.spec(dir, 50, "{from: amount_cents, to: amount_minor}").toString();

        for (String command : new String[] {"run", "verify", "continuous"}) {
            Cli.Run run = migrate(command, "--spec", spec);
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(2);
            assertThat(run.out()).as("nothing printed before the check").isEmpty();
            assertThat(run.err().lines()).hasSize(1);
            assertThat(run.err()).startsWith("upsilon: entity transfers")
                    .contains("rename refers to unknown field 'amount_cents'");
        }
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(0L);
        assertThat(db.neu.queryOne("SELECT to_regclass('upsilon_migration_checkpoint') IS NULL")).isEqualTo(true);

        Cli.Run json = migrate("run", "--spec", spec, "--json");
        assertThat(json.exitCode()).isEqualTo(2);
        assertThat(json.json().at("/error/code").asText()).isEqualTo("BAD_INPUT");
        assertThat(json.json().at("/error/message").asText()).contains("entity transfers", "amount_cents");
    }

    @Test
    void anUnsetPasswordVariableIsBadInputAndPasswordsNeverShow() throws Exception {
        MigrationDatabases db = new MigrationDatabases(100);
        String spec = db.spec(dir, 50).toString();

        Cli.Run unset = Cli.run(Map.of("OLD_DB_PASSWORD", OLD_PASSWORD), "migrate", "run", "--spec", spec);
        assertThat(unset.exitCode()).as(unset.toString()).isEqualTo(2);
        assertThat(unset.err().lines()).hasSize(1);
        assertThat(unset.err()).contains("target: environment variable NEW_DB_PASSWORD (named by passwordEnv) is"
                + " not set");
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(0L);

        // a password that happens to be printable (here: the new database's name) is masked wherever it shows
        Cli.Run masked = Cli.run(Map.of("OLD_DB_PASSWORD", OLD_PASSWORD, "NEW_DB_PASSWORD", db.neu.name()),
                "migrate", "run", "--spec", spec);
        assertThat(masked.exitCode()).as(masked.toString()).isZero();
        assertThat(masked.out()).contains("/" + Secrets.MASK).doesNotContain(db.neu.name());
    }

    @Test
    void optionsThatDoNotApplyAreRefused() throws Exception {
        Cli.Run url = migrate("run", "--spec", dir.resolve("x.yaml").toString(), "--url", "jdbc:postgresql://h/db");
        assertThat(url.exitCode()).isEqualTo(2);
        assertThat(url.err()).contains("Unknown option", "--url", "upsilon migrate run --help");

        Cli.Run missing = migrate("verify", "--spec", dir.resolve("nowhere.yaml").toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--spec", "nowhere.yaml", "is not a readable file");

        Cli.Run noSpec = migrate("run");
        assertThat(noSpec.exitCode()).isEqualTo(2);
        assertThat(noSpec.err()).contains("--spec");
    }
}
