package io.upsilon.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.upsilon.ErrorCode;
import io.upsilon.ModuleId;
import io.upsilon.Texts;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantModule;
import io.upsilon.tenant.TenantResult;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Okapi's tenant interface: {@code POST /_/tenant} with {@code {"module_from": "mod-x-1.0.0", "module_to":
 * "mod-x-2.0.0", "parameters": [{"key": "…", "value": "…"}]}} and the tenant in {@code X-Okapi-Tenant}, answered with
 * the outcome's status (204 unchanged, 201 created, 200 upgraded, 400 rejected, 500 failed and rolled back);
 * {@code DELETE /_/tenant} purges. Behind the control token, like the other control endpoints.
 */
final class TenantRoutes {

    private final TokenCheck tokens;
    private final TenantModule module;

    TenantRoutes(TokenCheck tokens, TenantModule module) {
        this.tokens = tokens;
        this.module = module;
    }

    void register(Javalin app) {
        app.post("/_/tenant", ctx -> {
            if (tokens.allows(ctx)) {
                init(ctx);
            }
        });
        app.delete("/_/tenant", ctx -> {
            if (tokens.allows(ctx)) {
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
        JsonNode body = RequestBody.json(ctx);
        if (!body.hasNonNull("module_to")) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "module_to is required, e.g. \"mod-x-2.0.0\"");
        }
        Optional<ModuleId> from = body.hasNonNull("module_from")
                ? Optional.of(ModuleId.parse(body.get("module_from").asText())) : Optional.empty();
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
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("tenant", tenant.value());
            answer.put("module", result.module());
            answer.put("from", result.from().map(Version::toString).orElse(null));
            answer.put("to", result.to().toString());
            answer.put("outcome", result.outcome());
            answer.put("message", result.message().orElse(null));
            ctx.json(answer);
        }
    }

    private void purge(Context ctx) {
        TenantId tenant = tenant(ctx);
        if (module.purge(tenant)) {
            ctx.status(204);
        } else {
            ctx.status(404).json(Json.error("NOT_FOUND", "tenant " + tenant + " has no " + module.name()));
        }
    }
}
