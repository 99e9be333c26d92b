package io.upsilon.tenant.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.upsilon.ModuleId;
import io.upsilon.UpsilonException;
import io.upsilon.server.ControlAccess;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantModule;
import io.upsilon.tenant.TenantOutcome;
import io.upsilon.tenant.TenantResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Okapi's side of the tenant protocol, over the tenant registry, for the one module this server runs:
 * <ul>
 * <li>{@code POST /_/proxy/tenants/{tenant}/modules {"id": "mod-x-1.0.0"}} enables the module (its {@code /_/tenant}
 * init: an install, or an upgrade from data kept by an earlier disable): 201, {@code Location} of the binding;</li>
 * <li>{@code POST /_/proxy/tenants/{tenant}/modules/mod-x-1.0.0 {"id": "mod-x-2.0.0"}} swaps the binding for the
 * new version: the registry row is the binding, written in the same transaction as the module's upgrade: 201,
 * {@code Location} of the new binding;</li>
 * <li>{@code DELETE /_/proxy/tenants/{tenant}/modules/mod-x-1.0.0} disables it and keeps the data: 204;</li>
 * <li>{@code GET /_/proxy/tenants/{tenant}/modules} lists the enabled bindings, {@code …/modules/{id}} reads one.</li>
 * </ul>
 * Errors are answered as Okapi answers them: a one-line {@code text/plain} message with 400 (bad request, the
 * module refused), 404 (no such module or binding) or 500 (the module's init failed and was rolled back). Tenant
 * parameters come as Okapi's {@code ?tenantParameters=loadReference=true,loadSample=false}. There is no tenant table:
 * any valid tenant id is a tenant. Behind the control token, like the other control endpoints.
 */
final class OkapiRoutes {

    private static final String BASE = "/_/proxy/tenants/{tenant}/modules";

    private final ControlAccess control;
    private final TenantModule module;

    OkapiRoutes(ControlAccess control, TenantModule module) {
        this.control = control;
        this.module = module;
    }

    void register(Javalin app) {
        app.get(BASE, guarded(this::list));
        app.post(BASE, guarded(this::enable));
        app.get(BASE + "/{module}", guarded(this::get));
        app.post(BASE + "/{module}", guarded(this::upgrade));
        app.delete(BASE + "/{module}", guarded(this::disable));
    }

    private Handler guarded(Handler handler) {
        return ctx -> {
            if (!control.allows(ctx)) {
                return;
            }
            try {
                handler.handle(ctx);
            } catch (UpsilonException e) {
                error(ctx, 400, e.getMessage());
            }
        };
    }

    private static void error(Context ctx, int status, String message) {
        ctx.status(status).contentType("text/plain").result(message);
    }

    private void list(Context ctx) {
        TenantId tenant = TenantId.parse(ctx.pathParam("tenant"));
        List<Map<String, String>> ids = enabled(tenant).map(id -> List.of(Map.of("id", id.toString())))
                .orElse(List.of());
        ctx.json(ids);
    }

    private void get(Context ctx) {
        TenantId tenant = TenantId.parse(ctx.pathParam("tenant"));
        String id = ctx.pathParam("module");
        if (enabled(tenant).map(ModuleId::toString).filter(id::equals).isEmpty()) {
            error(ctx, 404, id);
            return;
        }
        ctx.json(Map.of("id", id));
    }

    private void enable(Context ctx) {
        TenantId tenant = TenantId.parse(ctx.pathParam("tenant"));
        Optional<ModuleId> to = target(ctx);
        if (to.isEmpty()) {
            return;
        }
        Optional<ModuleId> now = enabled(tenant);
        if (now.isPresent()) {
            error(ctx, 400, "Module " + now.get() + " already provided for tenant " + tenant + "; upgrade it with"
                    + " POST " + ctx.path() + "/" + now.get());
            return;
        }
        answer(ctx, module.init(tenant, Optional.empty(), to.get(), parameters(ctx)), ctx.path());
    }

    private void upgrade(Context ctx) {
        TenantId tenant = TenantId.parse(ctx.pathParam("tenant"));
        String fromText = ctx.pathParam("module");
        Optional<ModuleId> now = enabled(tenant);
        if (now.isEmpty() || !now.get().toString().equals(fromText)) {
            error(ctx, 404, fromText);
            return;
        }
        Optional<ModuleId> to = target(ctx);
        if (to.isEmpty()) {
            return;
        }
        String base = ctx.path().substring(0, ctx.path().length() - fromText.length() - 1);
        answer(ctx, module.init(tenant, now, to.get(), parameters(ctx)), base);
    }

    private void disable(Context ctx) {
        TenantId tenant = TenantId.parse(ctx.pathParam("tenant"));
        String id = ctx.pathParam("module");
        if (enabled(tenant).map(ModuleId::toString).filter(id::equals).isEmpty()) {
            error(ctx, 404, id);
            return;
        }
        module.disable(tenant);
        ctx.status(204);
    }

    /** The module id of the request body, or empty when an error was answered already. */
    private Optional<ModuleId> target(Context ctx) {
        JsonNode body;
        try {
            body = control.body(ctx); // bounded: 413 over its limit
        } catch (io.upsilon.UpsilonException e) {
            error(ctx, 400, e.getMessage());
            return Optional.empty();
        }
        if (!body.hasNonNull("id")) {
            error(ctx, 400, "the body needs the module id, e.g. {\"id\": \"" + module.name() + "-1.0.0\"}");
            return Optional.empty();
        }
        ModuleId id = ModuleId.parse(body.get("id").asText());
        if (!id.name().equals(module.name())) {
            error(ctx, 404, id.toString());
            return Optional.empty();
        }
        if (id.version().isEmpty()) {
            error(ctx, 400, "module id " + id + " has no version; give " + id + "-VERSION");
            return Optional.empty();
        }
        return Optional.of(id);
    }

    /** 201 with the binding's Location for a module that is now at the version, else Okapi's error for it. */
    private void answer(Context ctx, TenantResult result, String base) {
        if (result.outcome() == TenantOutcome.REJECTED || result.outcome() == TenantOutcome.FAILED) {
            error(ctx, result.outcome().httpStatus(), result.message().orElse(result.outcome().name()));
            return;
        }
        String id = result.module() + "-" + result.to();
        ctx.header("Location", base + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        result.message().ifPresent(m -> body.put("message", m));
        ctx.status(201).json(body);
    }

    /** The module id the tenant has enabled, if any. */
    private Optional<ModuleId> enabled(TenantId tenant) {
        return module.tenants().stream()
                .filter(r -> r.tenant().equals(tenant) && r.enabled() && r.version().isPresent())
                .findFirst()
                .map(r -> ModuleId.of(module.name(), r.version().orElseThrow()));
    }

    /** Okapi's {@code tenantParameters=key=value,key=value}. */
    private static Map<String, String> parameters(Context ctx) {
        Map<String, String> parameters = new LinkedHashMap<>();
        String text = ctx.queryParam("tenantParameters");
        if (text != null) {
            for (String pair : text.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    parameters.put(pair.substring(0, eq).strip(), pair.substring(eq + 1).strip());
                } else if (!pair.isBlank()) {
                    parameters.put(pair.strip(), "true");
                }
            }
        }
        return parameters;
    }
}
