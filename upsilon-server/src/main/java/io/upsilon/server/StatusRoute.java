package io.upsilon.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.report.LockRow;
import io.upsilon.report.TaskRow;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.NodeRegistry;
import io.upsilon.spi.TaskRecord;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code GET /status}: this node, the lock, the other nodes, the maintenance window and the last history rows (the
 * lock and the history as the core's report rows, the same as the CLI's {@code --json}; history errors redacted).
 */
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
        body.put("lock", LockRow.of(upsilon.config().lock().inspect()));
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
                .map(r -> TaskRow.of(r).redacted(redact)).toList());
        ctx.json(body);
    }
}
