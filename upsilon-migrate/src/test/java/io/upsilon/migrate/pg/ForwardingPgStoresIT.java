package io.upsilon.migrate.pg;

import io.upsilon.migrate.spi.ForwardingSourceStore;
import io.upsilon.migrate.spi.ForwardingTargetStore;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import java.util.List;
import org.junit.jupiter.api.Nested;

/**
 * The forwarding base classes that decorators extend keep the store contracts, the {@code COPY} fast path included:
 * the PostgreSQL stores behind a decorator that overrides nothing pass both suites.
 */
class ForwardingPgStoresIT {

    @Nested
    class Source extends PgSourceStoreIT {
        @Override
        protected SourceStore newSource(List<Item> items) {
            return new ForwardingSourceStore(super.newSource(items)) { };
        }
    }

    @Nested
    class Target extends PgTargetStoreIT {
        @Override
        protected TargetStore newTarget() {
            return new ForwardingTargetStore(super.newTarget()) { };
        }
    }
}
