package io.upsilon.spring;

import io.upsilon.MaintenanceGate;
import io.upsilon.UpsilonException;
import io.upsilon.UpsilonNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.json.JsonWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The maintenance gate and the write guard for the application's own routes (those of
 * {@code upsilon.gate.url-patterns}), as {@code GateHandler} is for Javalin: while the maintenance window is open
 * a request waits up to {@code upsilon.gate.max-wait}, then gets 503 with {@code Retry-After}; on a node that is not
 * READY, or is FENCED, it gets 503 at once, so the client or the load balancer retries elsewhere. A request let
 * through counts as in-flight work until it completes, so that {@code upsilon maintenance enter --drain} waits
 * for it. Paths under {@code upsilon.gate.excluded-paths} (default {@code /actuator}) pass untouched: a liveness
 * probe must answer while the node is not ready.
 */
public class UpsilonGateFilter extends OncePerRequestFilter {

    private final MaintenanceGate gate;
    private final UpsilonNode node;
    private final List<String> excludedPaths;

    /** @param excludedPaths path prefixes (after the context path) that the gate lets through untouched */
    public UpsilonGateFilter(MaintenanceGate gate, UpsilonNode node, List<String> excludedPaths) {
        this.gate = gate;
        this.node = node;
        this.excludedPaths = List.copyOf(excludedPaths);
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return excludedPaths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p.endsWith("/") ? p : p + "/"));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        UpsilonNode.Work work;
        try {
            gate.await();
            work = node.beginWork();
        } catch (UpsilonException e) {
            refuse(response, e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServletException("interrupted while the maintenance window held the request", e);
        }
        try (work) {
            chain.doFilter(request, response);
        }
    }

    private void refuse(HttpServletResponse response, UpsilonException e) throws IOException {
        response.setStatus(e.code().httpStatus());
        response.setHeader("Retry-After", Long.toString(Math.max(1, gate.retryAfter().toSeconds())));
        response.setContentType("application/json");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.code().name());
        body.put("message", e.getMessage());
        response.getWriter().write(JsonWriter.standard().writeToString(body));
    }
}
