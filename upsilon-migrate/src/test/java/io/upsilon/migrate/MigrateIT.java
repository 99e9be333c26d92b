package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Side-by-side migration between two real PostgreSQL databases. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class MigrateIT {

    @TempDir
    Path dir;

    @Test
    void hundredThousandRowsThroughRenameDefaultSplitAndMergeVerifyCleanly() throws Exception {
        MigrationFixture db = new MigrationFixture(100_000);
        Migrator migrator = db.migrator(db.spec(dir, 5_000));
        RunReport report = migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none());
        RunReport.Entity transfers = report.entities().get(0);
        assertThat(transfers.rowsRead()).isEqualTo(100_000);
        assertThat(transfers.written()).containsEntry("transfers", 100_000L).containsEntry("transfer_fees", 100_000L);
        assertThat(transfers.started()).isEqualTo("start");
        assertThat(transfers.watermark()).startsWith("2026-01-01 02:46:40");
        System.out.printf("copied %d rows in %d ms (%.0f rows/s)%n", transfers.rowsRead(), transfers.took().toMillis(),
                transfers.rate());

        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers")).isEqualTo(100_000L);
        assertThat(db.neu.queryOne("SELECT amount_minor || currency || state || coalesce(quote_amount::text, '-')"
                + " FROM transfers WHERE id = 42")).isEqualTo("42.25EURACTIVE63.0");
        assertThat(db.neu.queryOne("SELECT quote_amount FROM transfers WHERE id = 1001")).isNull(); // q1001: no quote
        assertThat(db.neu.queryOne("SELECT fee FROM transfer_fees WHERE transfer_id = 14")).isNull();
        assertThat(db.neu.queryOne("SELECT fee::text FROM transfer_fees WHERE transfer_id = 15")).isEqualTo("2");

        VerifyReport verify = migrator.verify(10);
        assertThat(verify.matches()).as("%s", verify).isTrue();
        assertThat(verify.tables()).extracting(VerifyReport.Table::expected).containsExactly(100_000L, 100_000L);
    }

    @Test
    void incrementalRunsCatchUpChangesAndDeletesAndVerifyNamesWhatDiffers() throws Exception {
        MigrationFixture db = new MigrationFixture(20_000);
        Migrator migrator = db.migrator(db.spec(dir, 2_000));
        migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none());

        // 1% of the rows change, some are new, some are deleted
        db.old.execute("UPDATE transfers SET state = 'C', updated_at = timestamptz '2026-02-01' + id * interval '1 ms'"
                + " WHERE id % 100 = 0");
        db.old.execute("INSERT INTO transfers SELECT g, 1, 1, NULL, 'A', NULL, timestamptz '2026-02-02'"
                + " FROM generate_series(20001, 20100) g");
        db.old.execute("DELETE FROM transfers WHERE id BETWEEN 10 AND 19");

        RunReport.Entity catchUp = migrator.run(Optional.empty(), Migrator.Deletes.PROPAGATE,
                MigrationListener.none()).entities().get(0);
        assertThat(catchUp.started()).isEqualTo("checkpoint");
        assertThat(catchUp.rowsRead()).isBetween(300L, 400L); // the changes plus the overlap, not the table
        assertThat(catchUp.deleted()).isEqualTo(20); // 10 transfers and their 10 split fee rows
        assertThat(catchUp.watermark()).startsWith("2026-02-02");
        assertThat(db.neu.queryOne("SELECT state FROM transfers WHERE id = 500")).isEqualTo("CLOSED");
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfer_fees WHERE transfer_id BETWEEN 10 AND 19"))
                .isEqualTo(0L);
        assertThat(migrator.verify(20).matches()).isTrue();

        db.neu.execute("UPDATE transfers SET currency = 'USD' WHERE id = 777; DELETE FROM transfers WHERE id = 778");
        VerifyReport broken = migrator.verify(5);
        assertThat(broken.matches()).isFalse();
        VerifyReport.Table main = broken.tables().get(0);
        assertThat(main.different()).containsExactly(List.of("777"));
        assertThat(main.missing()).containsExactly(List.of("778"));
        assertThat(main.mismatches()).isEqualTo(2);
    }

    @Test
    void sinceStartsFromAGivenUpdateTimeInsteadOfTheCheckpoint() throws Exception {
        MigrationFixture db = new MigrationFixture(5_000);
        Migrator migrator = db.migrator(db.spec(dir, 1_000));
        RunReport.Entity run = migrator.run(Optional.of("2026-01-01 00:08:00+00"), Migrator.Deletes.IGNORE,
                MigrationListener.none()).entities().get(0);
        assertThat(run.started()).isEqualTo("since");
        // rows from 00:07:58 (two seconds of overlap) to the end: ids 4780..5000
        assertThat(run.rowsRead()).isEqualTo(5_000 - 4_780 + 1);
    }
}
