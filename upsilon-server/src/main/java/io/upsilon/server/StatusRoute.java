package io.upsilon.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.spi.LockInfo;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.NodeRegistry;
import io.upsilon.spi.TaskRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** {@code GET /status}: this node, the lock, the other nodes, the maintenance window and the last history rows. */
final class StatusRoute {

    private static final int HISTORY_ROWS = 10;

    private final Upsilon upsilon;
    private final UpsilonNode node;
    private final NodeRegistry nodes;
    private final MaintenanceStore maintenance;
    private final UnaryOperator<String> redact;

    StatusRoute(Upsilon upsilon, UpsilonNode node, NodeRegistry nodes, MaintenanceStore maintenance,
                UnaryOperator<String> redact) {
        this.upsilon = upsilon;
        this.node = node;
        this.nodes = nodes;
        this.maintenance = maintenance;
        this.redact = redact;
    }

    void register(Javalin app) {
        app.get("/status", this::status);
    }

    private void status(Context ctx) {
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("nodeId", upsilon.config().nodeId());
        self.put("softwareVersion", upsilon.config().softwareVersion().toString());
        self.put("state", node.state());
        self.put("dataVersion", node.dataVersion().map(Version::toString).orElse(null));
        self.put("window", node.window().versions().stream().map(Version::toString).toList());
        self.put("inFlight", node.inFlight());

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node", self);
        body.put("lock", upsilon.config().lock().inspect().map(StatusRoute::lock).orElse(null));
        body.put("nodes", nodes.nodes().stream().map(n -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("nodeId", n.nodeId());
            row.put("host", n.host());
            row.put("softwareVersion", n.softwareVersion().toString());
            row.put("state", n.state());
            row.put("inFlight", n.inFlight());
            row.put("heartbeatAt", n.heartbeatAt());
            row.put("fenced", n.fenced());
            row.put("gone", n.gone());
            return row;
        }).toList());
        body.put("maintenance", maintenance.current().orElse(null));
        List<TaskRecord> history = upsilon.history();
        body.put("history", history.subList(Math.max(0, history.size() - HISTORY_ROWS), history.size()).stream()
                .map(this::history).toList());
        ctx.json(body);
    }

    private static Map<String, Object> lock(LockInfo info) {
        Map<String, Object> lock = new LinkedHashMap<>();
        lock.put("kind", info.kind());
        lock.put("holder", info.holder().orElse(null));
        lock.put("fencingToken", info.token());
        lock.put("alive", info.alive());
        lock.put("ageMillis", info.holder().isPresent() ? info.age().toMillis() : null);
        lock.put("expiresAt", info.expiresAt().orElse(null));
        return lock;
    }

    private Map<String, Object> history(TaskRecord r) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("version", r.version().toString());
        row.put("task", r.task());
        row.put("status", r.status());
        row.put("nodeId", r.nodeId());
        row.put("fencingToken", r.fencingToken());
        row.put("startedAt", r.startedAt());
        row.put("durationMillis", r.duration().map(java.time.Duration::toMillis).orElse(null));
        // a task's error can quote what the database echoed back, a password in a failed statement among it
        row.put("error", r.error().map(redact).orElse(null));
        return row;
    }
}
