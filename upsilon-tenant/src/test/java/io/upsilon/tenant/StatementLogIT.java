package io.upsilon.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ModuleId;
import io.upsilon.tenant.pg.PgTenantModule;
import io.upsilon.testsupport.HostileTenantIds;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's own statement log shows that no statement was ever built from a hostile tenant id, while a good
 * tenant's statements are there.
 */
class StatementLogIT {

    @TempDir
    Path logs;

    @Test
    void noStatementIsBuiltFromAHostileTenantId() throws Exception {
        try (EmbeddedPostgres server = PostgresFixture.startLoggingStatements(logs)) {
            TestDatabase db = PostgresFixture.newDatabase(server);
            PgTenantModule module = new PgTenantModule(db.dataSource(), "mod-transfers", TransfersModule.manifest());
            ModuleId to = ModuleId.parse("mod-transfers-1.0.0");
            assertThat(module.init(TenantId.parse("goodtenant"), Optional.empty(), to, Map.of()).outcome())
                    .isEqualTo(TenantOutcome.CREATED);
            for (String id : HostileTenantIds.IDS) {
                assertThatThrownBy(() -> module.init(TenantId.parse(id), Optional.empty(), to, Map.of()))
                        .hasMessageStartingWith("invalid tenant id");
            }
            String log = Files.readString(logs.resolve("statements.log"));
            assertThat(log).contains("CREATE SCHEMA \"goodtenant_mod_transfers\"");
            for (String id : HostileTenantIds.IDS) {
                String distinctive = id.strip();
                if (distinctive.length() >= 4 && !"goodtenant_mod_transfers".contains(distinctive)
                        && !distinctive.equals("null") && !distinctive.equals("NULL")) {
                    assertThat(log).as("statement log mentions %s", id).doesNotContain(distinctive);
                }
            }
            assertThat(log).doesNotContain("drop schema public").doesNotContain("DROP TABLE x");
        }
    }
}
