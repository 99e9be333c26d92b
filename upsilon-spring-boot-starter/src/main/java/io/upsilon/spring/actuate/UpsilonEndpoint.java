package io.upsilon.spring.actuate;

import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.NodeRegistry;
import io.upsilon.spring.UpsilonStatus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.lang.Nullable;

/**
 * {@code /actuator/upsilon}. GET answers upsilon-server's {@code /status} JSON. POST runs an operator action
 * when {@code upsilon.control-token} is set and the body carries it: {@code {"action": "maintenance-enter",
 * "reason": "...", "token": "..."}}, {@code {"action": "maintenance-exit", ...}} or
 * {@code {"action": "fence", "below": "1.1", ...}}. Without a configured token POST answers 404; with a wrong one
 * 403. Expose it with {@code management.endpoints.web.exposure.include=health,upsilon}.
 */
@Endpoint(id = "upsilon")
public class UpsilonEndpoint {

    private final UpsilonStatus status;
    private final NodeRegistry nodes;
    private final MaintenanceStore maintenance;
    private final Optional<byte[]> token;

    public UpsilonEndpoint(UpsilonStatus status, NodeRegistry nodes, MaintenanceStore maintenance,
                           @Nullable String controlToken) {
        this.status = status;
        this.nodes = nodes;
        this.maintenance = maintenance;
        this.token = Optional.ofNullable(controlToken).filter(t -> !t.isBlank())
                .map(t -> t.getBytes(StandardCharsets.UTF_8));
    }

    @ReadOperation
    public Map<String, Object> status() {
        return status.read();
    }

    @WriteOperation
    public WebEndpointResponse<Map<String, Object>> control(String action, @Nullable String token,
                                                            @Nullable String reason, @Nullable String below) {
        if (this.token.isEmpty()) {
            return answer(404, "DISABLED", "control operations are disabled: set upsilon.control-token");
        }
        byte[] given = token == null ? new byte[0] : token.getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, this.token.get())) { // constant time: no timing oracle on the token
            return answer(403, "FORBIDDEN", "the control token is missing or wrong");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        try {
            switch (action) {
                case "maintenance-enter" -> {
                    var window = maintenance.enter(reason != null ? reason : "maintenance", "actuator");
                    body.put("since", window.since().toString());
                }
                case "maintenance-exit" -> body.put("closed", maintenance.exit());
                case "fence" -> {
                    if (below == null || !Version.isValid(below)) {
                        return answer(400, "BAD_INPUT", "give the version to fence below, e.g. \"below\": \"1.1\"");
                    }
                    body.put("fenced", nodes.fenceBelow(Version.parse(below)).stream().map(NodeRecord::nodeId)
                            .toList());
                }
                default -> {
                    return answer(400, "BAD_INPUT", "action must be maintenance-enter, maintenance-exit or fence,"
                            + " got '" + action + "'");
                }
            }
        } catch (UpsilonException e) {
            return answer(e.code().httpStatus(), e.code().name(), e.getMessage());
        }
        return new WebEndpointResponse<>(body, 200);
    }

    private static WebEndpointResponse<Map<String, Object>> answer(int status, String code, String message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        return new WebEndpointResponse<>(body, status);
    }
}
