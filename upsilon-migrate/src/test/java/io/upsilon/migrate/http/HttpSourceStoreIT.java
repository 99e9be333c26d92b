package io.upsilon.migrate.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.upsilon.migrate.spi.AbstractSourceStoreContractTest;
import io.upsilon.migrate.spi.SourceStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The HTTP source passes the {@link SourceStore} contract against {@link FakeService}, a real HTTP server. */
class HttpSourceStoreIT extends AbstractSourceStoreContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private FakeService service;

    @Override
    protected SourceStore newSource(List<Item> items) {
        service = new FakeService();
        service.table("items", List.of("id"), "updated_at");
        put(items);
        return HttpSourceStore.create(service.base(), Map.of("Authorization", FakeService.AUTHORIZATION));
    }

    @Override
    protected void put(List<Item> items) {
        for (Item item : items) {
            ObjectNode row = JSON.createObjectNode();
            row.put("id", item.id());
            row.put("name", item.name());
            row.put("updated_at", item.updatedAt().toString());
            service.put("items", row);
        }
    }

    @AfterEach
    void stopService() {
        service.close();
    }
}
