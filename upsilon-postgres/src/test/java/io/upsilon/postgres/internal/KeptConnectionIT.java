package io.upsilon.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The one connection a backend keeps for a node that is not serving yet: the owner (the registry) decides whether
 * one is kept; the store and the lock borrow it and follow that decision, also when it changes while they hold it.
 */
class KeptConnectionIT {

    private KeptConnection kept;

    @BeforeEach
    void freshDatabase() {
        TestDatabase db = PostgresFixture.newDatabase();
        kept = new KeptConnection(db.dataSource("upsilon:kept"));
    }

    @AfterEach
    void closeKept() {
        kept.close();
    }

    private static int pid(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    @Test
    void aBorrowerUsesTheKeptSessionAndGivesItBack() throws SQLException {
        int owner = kept.run(true, KeptConnectionIT::pid);
        assertThat(kept.borrow(KeptConnectionIT::pid)).isEqualTo(owner);
        assertThat(kept.run(true, KeptConnectionIT::pid)).as("still the same session").isEqualTo(owner);
    }

    @Test
    void aBorrowerWithoutAKeptSessionKeepsNothing() throws SQLException {
        kept.borrow(KeptConnectionIT::pid);
        assertThat(kept.takeIdle()).as("only the owner starts keeping").isNull();
    }

    @Test
    void aSessionBorrowedWhileTheOwnerStopsKeepingIsClosedNotKept() throws SQLException {
        kept.run(true, KeptConnectionIT::pid); // waiting: kept
        kept.borrow(c -> {
            kept.run(false, KeptConnectionIT::pid); // READY meanwhile, from another thread in real life
            return pid(c);
        });
        assertThat(kept.takeIdle()).as("nothing kept once the node serves").isNull();
    }

    @Test
    void aStatementFailureClosesTheKeptSessionWithoutARetry() throws SQLException {
        int owner = kept.run(true, KeptConnectionIT::pid);
        int[] tries = {0};
        assertThatThrownBy(() -> kept.borrow(c -> {
            tries[0]++;
            try (Statement s = c.createStatement()) {
                s.execute("SELECT * FROM no_such_table");
            }
            return null;
        })).isInstanceOf(SQLException.class).matches(SqlStates::isMissingTable);
        assertThat(tries[0]).as("a new session would fail alike").isEqualTo(1);
        assertThat(kept.run(true, KeptConnectionIT::pid)).as("the failed session is not kept").isNotEqualTo(owner);
    }
}
