package io.upsilon.examples.transfers;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.upsilon.UpsilonNode;
import io.upsilon.examples.transfers.ReleaseFeatures.QuoteId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The service's own API, as one release's code serves it.
 *
 * <ul>
 *   <li>{@code POST /transfers} with {@code {"transferId"?, "payerFsp", "payeeFsp", "amount", "currency",
 *       "quoteId"?}}: 201 with the stored transfer; 400 on a validation error (e.g. a {@code quoteId} sent to 1.0.0,
 *       or none sent to API v2); 406 when the release does not serve the requested API version; 409 when the
 *       transfer id exists.</li>
 *   <li>{@code GET /transfers/{id}}: 200 with the transfer, 404 when unknown.</li>
 * </ul>
 * The API version is chosen with the header {@code API-Version: v1|v2} (default {@code v1}, the original API). Every
 * answer carries {@code X-Served-By} (node id) and {@code X-Release}. Requests count as in-flight work of the node
 * ({@link UpsilonNode#beginWork()}), so a drain can wait for them.
 */
public final class TransferApi {

    public static final String API_HEADER = "API-Version";

    private final ReleaseFeatures features;
    private final UpsilonNode node;
    private final DataSource pool;
    private final String nodeId;

    public TransferApi(ReleaseFeatures features, UpsilonNode node, DataSource pool, String nodeId) {
        this.features = features;
        this.node = node;
        this.pool = pool;
        this.nodeId = nodeId;
    }

    public void register(Javalin app) {
        app.post("/transfers", this::create);
        app.get("/transfers/{id}", this::read);
    }

    private String api(Context ctx) {
        String api = ctx.header(API_HEADER);
        return api == null || api.isBlank() ? "v1" : api.strip();
    }

    private boolean served(Context ctx, String api) {
        ctx.header("X-Served-By", nodeId).header("X-Release", features.version().toString());
        if (!features.apiVersions().contains(api)) {
            error(ctx, 406, "UNSUPPORTED_API_VERSION", "release " + features.version() + " serves API "
                    + features.apiVersions() + ", not " + api);
            return false;
        }
        return true;
    }

    private void create(Context ctx) throws SQLException {
        String api = api(ctx);
        if (!served(ctx, api)) {
            return;
        }
        Map<?, ?> body;
        try {
            body = ctx.bodyAsClass(Map.class);
        } catch (RuntimeException e) {
            error(ctx, 400, "VALIDATION", "the body is not a JSON object");
            return;
        }
        String problem = null;
        UUID id = null;
        UUID quoteId = null;
        BigDecimal amount = null;
        String payer = text(body, "payerFsp");
        String payee = text(body, "payeeFsp");
        String currency = text(body, "currency");
        try {
            id = body.get("transferId") == null ? UUID.randomUUID() : UUID.fromString(text(body, "transferId"));
            amount = new BigDecimal(String.valueOf(body.get("amount")));
        } catch (RuntimeException e) {
            problem = "transferId must be a UUID and amount a number";
        }
        QuoteId rule = features.quoteId(api);
        Object q = body.get("quoteId");
        if (problem == null && q != null && rule == QuoteId.REJECTED) {
            problem = "unknown field quoteId (release " + features.version() + ", API " + api + ")";
        } else if (problem == null && q == null && rule == QuoteId.REQUIRED) {
            problem = "quoteId is required in API " + api;
        } else if (problem == null && q != null) {
            try {
                quoteId = UUID.fromString(q.toString());
            } catch (IllegalArgumentException e) {
                problem = "quoteId must be a UUID";
            }
        }
        if (problem == null && (payer == null || payee == null || currency == null || currency.length() != 3
                || amount.signum() <= 0)) {
            problem = "payerFsp, payeeFsp, a positive amount and a 3-letter currency are required";
        }
        if (problem != null) {
            error(ctx, 400, "VALIDATION", problem);
            return;
        }
        try (UpsilonNode.Work work = node.beginWork(); Connection c = pool.getConnection()) {
            String sql = features.knowsQuoteColumn()
                    ? "INSERT INTO transfer (id, payer_fsp, payee_fsp, amount, currency, created_by, quote_id)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"
                    : "INSERT INTO transfer (id, payer_fsp, payee_fsp, amount, currency, created_by)"
                      + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, id);
                ps.setString(2, payer);
                ps.setString(3, payee);
                ps.setBigDecimal(4, amount);
                ps.setString(5, currency);
                ps.setString(6, nodeId);
                if (features.knowsQuoteColumn()) {
                    ps.setObject(7, quoteId);
                }
                if (ps.executeUpdate() == 0) {
                    error(ctx, 409, "DUPLICATE", "transfer " + id + " exists");
                    return;
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("transferId", id.toString());
        out.put("payerFsp", payer);
        out.put("payeeFsp", payee);
        out.put("amount", amount);
        out.put("currency", currency);
        if (features.knowsQuoteColumn()) {
            out.put("quoteId", quoteId == null ? null : quoteId.toString());
        }
        ctx.status(201).json(out);
    }

    private void read(Context ctx) throws SQLException {
        String api = api(ctx);
        if (!served(ctx, api)) {
            return;
        }
        UUID id;
        try {
            id = UUID.fromString(ctx.pathParam("id"));
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "VALIDATION", "the transfer id must be a UUID");
            return;
        }
        String columns = "id, payer_fsp, payee_fsp, amount, currency" + (features.knowsQuoteColumn() ? ", quote_id" : "");
        try (UpsilonNode.Work work = node.beginWork(); Connection c = pool.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT " + columns + " FROM transfer WHERE id = ?")) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    error(ctx, 404, "NOT_FOUND", "no transfer " + id);
                    return;
                }
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("transferId", rs.getString(1));
                out.put("payerFsp", rs.getString(2));
                out.put("payeeFsp", rs.getString(3));
                out.put("amount", rs.getBigDecimal(4));
                out.put("currency", rs.getString(5));
                if (features.knowsQuoteColumn()) {
                    out.put("quoteId", rs.getString(6));
                }
                ctx.json(out);
            }
        }
    }

    private static String text(Map<?, ?> body, String field) {
        Object v = body.get(field);
        return v == null ? null : v.toString();
    }

    private static void error(Context ctx, int status, String code, String message) {
        ctx.status(status).json(Map.of("errorCode", code, "message", message));
    }
}
