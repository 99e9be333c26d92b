package io.upsilon.postgres.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.testsupport.HostileSql;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded property test of the statement splitter (issue 13, item 4): scripts of hostile statements split into
 * exactly the statements they were made of, and the server accepts each piece on its own, so the splitter cut where
 * PostgreSQL would. {@code -Dupsilon.fuzz.seed=N} replays a run.
 */
class SqlLexerFuzzIT {

    @Test
    void hostileScriptsSplitWhereTheServerDoes() throws Exception {
        long seed = Long.getLong("upsilon.fuzz.seed", System.nanoTime());
        System.out.println("SqlLexerFuzzIT seed=" + seed);
        HostileSql sql = new HostileSql(seed);
        TestDatabase db = PostgresFixture.newDatabase();
        try (Connection connection = db.dataSource().getConnection(); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.setEscapeProcessing(false);
            for (int round = 0; round < 200; round++) {
                List<String> made = sql.statements(1 + round % 7);
                String script = sql.script(made);
                List<String> split = SqlStatements.split(script);
                assertThat(split).as("seed %d, script:%n%s", seed, script).hasSize(made.size());
                for (int i = 0; i < made.size(); i++) {
                    assertThat(split.get(i)).as("seed %d", seed).contains(made.get(i).strip());
                    statement.execute(split.get(i)); // one whole statement, or the server would refuse it
                }
                connection.rollback();
            }
        }
    }
}
