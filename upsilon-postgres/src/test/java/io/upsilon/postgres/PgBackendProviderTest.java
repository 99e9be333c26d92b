package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.Backends;
import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.postgres.internal.AdvisoryClusterLock;
import io.upsilon.postgres.internal.LeaseClusterLock;
import io.upsilon.postgres.internal.PgBackendProvider;
import io.upsilon.spi.Backend;
import io.upsilon.spi.BackendOptions;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

class PgBackendProviderTest {

    @Test
    void postgresUrlsFindThisModulesProviderThroughItsServiceFile() {
        assertThat(Backends.forUrl("jdbc:postgresql://db:5432/app?user=u")).isInstanceOf(PgBackendProvider.class);
        assertThatThrownBy(() -> Backends.forUrl("jdbc:mysql://db/app"))
                .hasMessageContaining("'jdbc:mysql:'").hasMessageContaining("PostgreSQL (jdbc:postgresql:)");
    }

    @Test
    void theOptionsChooseTheLockAndAnUnknownOneNamesTheChoices() {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        Backend advisory = Backends.forUrl("jdbc:postgresql:app").open(ds, BackendOptions.defaults());
        assertThat(advisory.lock("n1")).isInstanceOf(AdvisoryClusterLock.class);
        Backend lease = Backends.forUrl("jdbc:postgresql:app").open(ds, BackendOptions.builder().lock("LEASE").build());
        assertThat(lease.lock("n1")).isInstanceOf(LeaseClusterLock.class);
        assertThatThrownBy(() -> new PgBackendProvider().open(ds, BackendOptions.builder().lock("mutex").build()))
                .isInstanceOfSatisfying(UpsilonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContainingAll("no lock 'mutex'", "advisory", "lease");
        assertThatThrownBy(() -> new PgBackendProvider().open(ds, BackendOptions.builder().schema("a;b").build()))
                .hasMessageContaining("unsafe schema 'a;b'");
    }
}
