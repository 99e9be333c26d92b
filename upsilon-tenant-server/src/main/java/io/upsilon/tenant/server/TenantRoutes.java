package io.upsilon.tenant.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.upsilon.ErrorCode;
import io.upsilon.ModuleId;
import io.upsilon.Texts;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.server.ControlAccess;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantModule;
import io.upsilon.tenant.TenantResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Okapi's tenant interface: {@code POST /_/tenant} with {@code {"module_from": "mod-x-1.0.0", "module_to":
 * "mod-x-2.0.0", "parameters": [{"key": "…", "value": "…"}]}} and the tenant in {@code X-Okapi-Tenant}, answered with
 * the outcome's status (204 unchanged, 201 created, 200 upgraded, 400 rejected, 500 failed and rolled back). The
 * module acts on the data it has stored whatever {@code module_from} says, and the answer's {@code from} and
 * {@code message} say what it found. {@code module_from} without {@code module_to} disables the module for the tenant
 * and keeps its data (Okapi's disassociation; 204, or 404 when the tenant has no data of the module), or, with
 * {@code "purge": true} as newer Okapi sends it, purges; {@code DELETE /_/tenant} purges. Behind the control token, like the other control endpoints.
 */
final class TenantRoutes {

    private final ControlAccess control;
    private final TenantModule module;

    TenantRoutes(ControlAccess control, TenantModule module) {
        this.control = control;
        this.module = module;
    }

    void register(Javalin app) {
        app.post("/_/tenant", ctx -> {
            if (control.allows(ctx)) {
                init(ctx);
            }
        });
        app.delete("/_/tenant", ctx -> {
            if (control.allows(ctx)) {
                purge(ctx);
            }
        });
    }

    private static TenantId tenant(Context ctx) {
        // checked before anything else, so a hostile id never reaches the module or SQL
        return TenantId.parse(ctx.header("X-Okapi-Tenant"));
    }

    private void init(Context ctx) throws Exception {
        TenantId tenant = tenant(ctx);
        JsonNode body = control.body(ctx);
        Optional<ModuleId> from = body.hasNonNull("module_from")
                ? Optional.of(ModuleId.parse(body.get("module_from").asText())) : Optional.empty();
        if (!body.hasNonNull("module_to")) {
            if (from.isEmpty()) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "give module_to (enable or upgrade, e.g."
                        + " \"mod-x-2.0.0\"), or module_from alone (disable, keeping the data)");
            }
            if (body.path("purge").asBoolean(false)) {
                purge(ctx); // newer Okapi's disable with purge=true
            } else {
                disable(ctx, tenant, from.get());
            }
            return;
        }
        ModuleId to = ModuleId.parse(body.get("module_to").asText());
        if (from.isPresent() && !from.get().name().equals(to.name())) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "module_from names module '"
                    + Texts.quote(from.get().name()) + "' but module_to names '"
                    + Texts.quote(to.name()) + "'; an upgrade moves one module from one version to another");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (JsonNode p : body.path("parameters")) {
            parameters.put(p.path("key").asText(), p.path("value").asText());
        }
        TenantResult result = module.init(tenant, from, to, parameters);
        ctx.status(result.outcome().httpStatus());
        if (result.outcome().httpStatus() != 204) {
            ctx.json(answer(result));
        }
    }

    /** The JSON answer of an init call: what the module did, from which stored version, and why. */
    static Map<String, Object> answer(TenantResult result) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("tenant", result.tenant().value());
        answer.put("module", result.module());
        answer.put("from", result.from().map(Version::toString).orElse(null));
        answer.put("to", result.to().toString());
        answer.put("outcome", result.outcome());
        answer.put("message", result.message().orElse(null));
        return answer;
    }

    private void disable(Context ctx, TenantId tenant, ModuleId from) {
        if (!from.name().equals(module.name())) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "module_from " + from + " is not a version of "
                    + module.name());
        }
        // the stored data decides, whatever version module_from names
        if (module.disable(tenant).isPresent()) {
            ctx.status(204);
        } else {
            ctx.status(404).json(ControlAccess.error("NOT_FOUND", "tenant " + tenant + " has no " + module.name()
                    + " data to disable"));
        }
    }

    private void purge(Context ctx) {
        TenantId tenant = tenant(ctx);
        if (module.purge(tenant)) {
            ctx.status(204);
        } else {
            ctx.status(404).json(ControlAccess.error("NOT_FOUND", "tenant " + tenant + " has no " + module.name()));
        }
    }
}
