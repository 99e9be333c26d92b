package io.upsilon.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.upsilon.ErrorCode;
import io.upsilon.Fence;
import io.upsilon.MaintenanceDrain;
import io.upsilon.Texts;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.NodeRegistry;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code POST /maintenance} ({@code {"action": "enter"|"exit", "reason": "…", "drain": true, "timeoutSeconds": 60}})
 * and {@code POST /fence} ({@code {"below": "1.1", "terminateSessions": true, "force": false, "dryRun": false}} or
 * {@code {"clear": true}}), behind the bearer token. A floor that would fence every live node is refused (400)
 * unless {@code force}; {@code dryRun} answers who would be fenced. A retired cluster's window, reason
 * {@code moved}, closes only with {@code "force": true}.
 */
final class ControlRoutes {

    private final TokenCheck tokens;
    private final NodeRegistry nodes;
    private final MaintenanceStore maintenance;

    ControlRoutes(TokenCheck tokens, NodeRegistry nodes, MaintenanceStore maintenance) {
        this.tokens = tokens;
        this.nodes = nodes;
        this.maintenance = maintenance;
    }

    void register(Javalin app) {
        app.post("/maintenance", guarded(this::maintenance));
        app.post("/fence", guarded(this::fence));
        Handler postOnly = ctx -> ctx.status(405).header("Allow", "POST")
                .json(Json.error("METHOD_NOT_ALLOWED", "use POST"));
        for (String path : List.of("/maintenance", "/fence")) {
            app.get(path, postOnly);
            app.put(path, postOnly);
            app.delete(path, postOnly);
        }
    }

    private Handler guarded(Handler handler) {
        return ctx -> {
            if (tokens.allows(ctx)) {
                handler.handle(ctx);
            }
        };
    }

    private static JsonNode body(Context ctx) {
        return RequestBody.json(ctx);
    }

    /** A drain's timeout: whole seconds from 1 to a day, 60 when not given. */
    private static Duration timeout(JsonNode body) {
        JsonNode given = body.get("timeoutSeconds");
        if (given == null || given.isNull()) {
            return Duration.ofSeconds(60);
        }
        if (!given.canConvertToLong() || !given.isIntegralNumber() || given.asLong() < 1 || given.asLong() > 86_400) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "timeoutSeconds must be a whole number of seconds from 1"
                    + " to 86400, got " + Texts.quote(given.toString()));
        }
        return Duration.ofSeconds(given.asLong());
    }

    private void maintenance(Context ctx) throws InterruptedException {
        JsonNode body = body(ctx);
        String action = body.path("action").asText("");
        Map<String, Object> answer = new LinkedHashMap<>();
        switch (action) {
            case "enter" -> {
                Duration timeout = timeout(body);
                MaintenanceWindow window = maintenance.enter(body.path("reason").asText("maintenance"),
                        body.path("who").asText("http"));
                answer.put("window", window);
                if (body.path("drain").asBoolean(false)) {
                    MaintenanceDrain.Result drain = MaintenanceDrain.await(nodes, window, timeout,
                            Duration.ofMillis(200));
                    answer.put("drained", drain.drained());
                    answer.put("busy", drain.busy().stream().map(NodeRecord::nodeId).toList());
                    answer.put("waitedMillis", drain.waited().toMillis());
                    ctx.status(drain.drained() ? 200 : 504);
                }
            }
            case "exit" -> answer.put("closed", maintenance.exit(body.path("force").asBoolean(false)));
            default -> throw new UpsilonException(ErrorCode.BAD_INPUT, "action must be \"enter\" or \"exit\", got \""
                    + Texts.quote(action) + "\"");
        }
        ctx.json(answer);
    }

    private void fence(Context ctx) {
        JsonNode body = body(ctx);
        if (body.path("clear").asBoolean(false)) {
            ctx.json(Map.of("cleared", nodes.clearFence()));
            return;
        }
        if (!body.hasNonNull("below")) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "give the version to fence below: {\"below\": \"1.1\"}");
        }
        Version below = Version.parse(body.get("below").asText());
        boolean force = body.path("force").asBoolean(false);
        boolean dryRun = body.path("dryRun").asBoolean(false);
        List<NodeRecord> fenced = dryRun ? Fence.check(nodes, below, Optional.empty(), force).fenced()
                : Fence.apply(nodes, below, Optional.empty(), force).fenced();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("dryRun", dryRun);
        answer.put("fenced", fenced.stream().map(NodeRecord::nodeId).toList());
        if (dryRun) {
            ctx.json(answer);
            return;
        }
        if (body.path("terminateSessions").asBoolean(false)) {
            answer.put("sessionsTerminated", nodes.terminateSessions(fenced.stream().map(NodeRecord::nodeId)
                    .toList()));
        }
        ctx.json(answer);
    }
}
