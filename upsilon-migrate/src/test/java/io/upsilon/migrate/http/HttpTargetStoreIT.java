package io.upsilon.migrate.http;

import io.upsilon.migrate.spi.AbstractTargetStoreContractTest;
import io.upsilon.migrate.spi.Field;
import io.upsilon.migrate.spi.TargetStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The HTTP target passes the {@link TargetStore} contract against {@link FakeService}, a real HTTP server. */
class HttpTargetStoreIT extends AbstractTargetStoreContractTest {

    private FakeService service;

    @Override
    protected TargetStore newTarget() {
        service = new FakeService();
        service.table("items", List.of("id"), null).schema = List.of(new Field("id", "int8"),
                new Field("name", "text"));
        service.table("pairs", List.of("a", "b"), null).schema = List.of(new Field("a", "text"), new Field("b", "text"),
                new Field("v", "text"));
        return HttpTargetStore.create(service.base(), Map.of("Authorization", FakeService.AUTHORIZATION));
    }

    @AfterEach
    void stopService() {
        service.close();
    }
}
