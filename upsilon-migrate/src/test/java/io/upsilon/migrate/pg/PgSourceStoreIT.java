package io.upsilon.migrate.pg;

import io.upsilon.migrate.spi.AbstractSourceStoreContractTest;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL source passes the {@link SourceStore} contract, on a table made fresh for each test. */
class PgSourceStoreIT extends AbstractSourceStoreContractTest {

    private static TestDatabase db;

    @BeforeAll
    static void database() {
        db = PostgresFixture.newDatabase();
    }

    @Override
    protected SourceStore newSource(List<Item> items) {
        db.execute("DROP TABLE IF EXISTS items; CREATE TABLE items (id int8 PRIMARY KEY, name text NOT NULL,"
                + " updated_at timestamptz NOT NULL)");
        put(items);
        return new PgSourceStore(db.dataSource());
    }

    @Override
    protected void put(List<Item> items) {
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("INSERT INTO items VALUES (?, ?, ?) ON CONFLICT (id) DO UPDATE"
                     + " SET name = EXCLUDED.name, updated_at = EXCLUDED.updated_at")) {
            for (Item item : items) {
                ps.setLong(1, item.id());
                ps.setString(2, item.name());
                ps.setTimestamp(3, Timestamp.from(item.updatedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
