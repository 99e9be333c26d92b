package io.upsilon.migrate.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.migrate.MigrationListener;
import io.upsilon.migrate.MigrationSpec;
import io.upsilon.migrate.MigrationSpec.EntitySpec;
import io.upsilon.migrate.Migrator;
import io.upsilon.migrate.RunReport;
import io.upsilon.migrate.VerifyReport;
import io.upsilon.migrate.pg.PgSourceStore;
import io.upsilon.migrate.spi.Field;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine end to end from a PostgreSQL source into a service that owns its data over HTTP. */
class PostgresToHttpIT {

    @Test
    void migratesIntoAnHttpServiceAndVerifies() throws Exception {
        TestDatabase old = PostgresFixture.newDatabase();
        old.execute("CREATE TABLE items (id bigint PRIMARY KEY, name text, updated_at timestamptz NOT NULL);"
                + " INSERT INTO items SELECT g, 'item ' || g, timestamptz '2026-03-01' + g * interval '1 second'"
                + " FROM generate_series(1, 2000) g");
        try (FakeService service = new FakeService()) {
            FakeService.Table items = service.table("items", List.of("id"), "updated_at");
            items.schema = List.of(new Field("id", "int8"), new Field("title", "text"),
                    new Field("updated_at", "timestamptz"));
            MigrationSpec spec = new MigrationSpec(
                    new MigrationSpec.Endpoint(old.jdbcUrl(), null, null, null),
                    new MigrationSpec.Endpoint(null, service.base().toString(), null, null), Duration.ofSeconds(1),
                    List.of(new EntitySpec("items", "items", null, "items", List.of("id"), "updated_at", 500,
                            List.of(Map.of("rename", Map.of("from", "name", "to", "title"))))));
            HttpTargetStore target = new HttpTargetStore(service.base(), HttpClient.newHttpClient(),
                    Map.of("Authorization", FakeService.AUTHORIZATION));
            Migrator migrator = Migrator.create(spec, new PgSourceStore(old.dataSource()), target,
                    getClass().getClassLoader());

            RunReport.Entity run = migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none())
                    .entities().get(0);
            assertThat(run.rowsRead()).isEqualTo(2000);
            assertThat(items.rows).hasSize(2000);
            assertThat(items.rows.get(List.of("7")).get("title").asText()).isEqualTo("item 7");
            VerifyReport verify = migrator.verify(5);
            assertThat(verify.matches()).as("%s", verify).isTrue();

            old.execute("UPDATE items SET name = 'renamed', updated_at = updated_at + interval '1 day' WHERE id = 9");
            assertThat(migrator.run(Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none())
                    .entities().get(0).started()).isEqualTo("checkpoint");
            assertThat(items.rows.get(List.of("9")).get("title").asText()).isEqualTo("renamed");
            assertThat(migrator.verify(5).matches()).isTrue();
        }
    }
}
