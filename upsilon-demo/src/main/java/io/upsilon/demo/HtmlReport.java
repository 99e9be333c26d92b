package io.upsilon.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import io.upsilon.demo.DemoSummary.Bucket;
import io.upsilon.demo.DemoSummary.Move;
import io.upsilon.demo.DemoSummary.Phase;
import io.upsilon.demo.DemoSummary.Requests;
import io.upsilon.demo.DemoSummary.Step;
import io.upsilon.demo.DemoSummary.Task;

/**
 * The demo's summary as one self-contained HTML page (no external script, style or font): an inline SVG chart of
 * throughput, failures and p99 latency over time with the phases marked, the release chain, the per-phase table
 * and the task history.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    static void write(DemoSummary s, Path file) throws IOException {
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Upsilon demo</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:24px;color:#222;max-width:1100px}")
                .append("table{border-collapse:collapse;margin:8px 0 20px}td,th{border:1px solid #ccc;padding:4px 8px;")
                .append("text-align:right}th{background:#f3f3f3}td.l,th.l{text-align:left}.bad{color:#c00;font-weight:bold}")
                .append(".ok{color:#080;font-weight:bold}.chain{display:flex;align-items:center;gap:6px;flex-wrap:wrap}")
                .append(".rel{border:2px solid #447;border-radius:6px;padding:6px 10px;text-align:center}")
                .append(".arr{color:#447;font-size:12px;text-align:center}</style></head><body>");
        Requests total = s.total();
        Requests rolling = s.rolling();
        long failed = total.failed();
        h.append("<h1>Upsilon demo: ").append(esc(s.from())).append(" &rarr; ").append(esc(s.to()))
                .append("</h1><p>").append(s.nodes()).append(" nodes, ").append(s.rate())
                .append(" requests/s, mode <b>").append(esc(s.mode())).append("</b>. ")
                .append("<span class=\"").append(failed == 0 ? "ok" : "bad").append("\">")
                .append(rolling.failed()).append(" of ").append(rolling.sent())
                .append(" requests failed during the rolling steps, ").append(failed).append(" of ")
                .append(total.sent()).append(" overall</span>. Data version ").append(esc(s.dataVersion()))
                .append(" (expected ").append(esc(s.expectedDataVersion())).append("); each task ran ")
                .append(s.eachTaskOnce() ? "exactly once" : "<b>more than once</b>")
                .append(".</p>");

        h.append("<h2>Requests over time</h2>").append(chart(s));

        h.append("<h2>Release chain</h2><div class=\"chain\">");
        List<Step> chain = s.chain();
        for (int i = 0; i < chain.size(); i++) {
            Step c = chain.get(i);
            if (i == 0) {
                h.append(box(c.from(), c.apiBefore(), c.dataBefore()));
            }
            h.append("<div class=\"arr\">step ").append(c.step()).append("<br>&rarr;</div>")
                    .append(box(c.to(), c.apiAfter(), c.dataAfter()));
        }
        h.append("</div>");

        h.append("<h2>Per phase</h2><table><tr><th class=\"l\">phase</th><th>sent</th><th>succeeded</th>")
                .append("<th>failed</th><th>p50 ms</th><th>p99 ms</th><th class=\"l\">API</th></tr>");
        for (Phase p : s.phases()) {
            h.append(row(esc(p.name()), p.requests()));
        }
        h.append(row("<b>all rolling steps</b>", rolling)).append(row("<b>total</b>", total)).append("</table>");

        if (s.rollback() != null) {
            h.append(RollbackLeg.html(s.rollback()));
        }

        Move move = s.move();
        if (move != null) {
            h.append("<h2>Side-by-side move to the new cluster</h2><table>");
            Requests during = move.requests();
            Object[][] rows = {{"PostgreSQL of the old cluster", move.postgresOld()},
                {"PostgreSQL of the new cluster (the move upgrades the server)", move.postgresNew()},
                {"rows migrated (continuous mode + final catch-up)", move.rowsMigrated()},
                {"catch-up runs before the window", move.catchUpRuns()}, {"rows verified", move.rowsVerified()},
                {"mismatches", move.mismatches()}, {"maintenance window held requests (ms)", move.windowHeldMs()},
                {"requests held at the old gates, answered MOVED and re-sent to the new cluster",
                    move.heldAndResent()},
                {"rows written on the old database after the final catch-up (copied after it)", move.lateRows()},
                {"transfers of the old database missing in the new one", move.missingInNewCluster()},
                {"requests during the move", during.sent() + " sent, " + during.succeeded() + " succeeded, "
                    + during.failed() + " failed, p99 " + during.p99Ms() + " ms"}};
            for (Object[] kv : rows) {
                h.append("<tr><th class=\"l\">").append(esc(kv[0])).append("</th><td class=\"l\">")
                        .append(esc(kv[1])).append("</td></tr>");
            }
            h.append("</table>");
        }

        h.append("<h2>Upgrade tasks (history table)</h2><table><tr><th class=\"l\">data version</th>")
                .append("<th class=\"l\">task</th><th class=\"l\">status</th><th class=\"l\">node</th>")
                .append("<th>fencing token</th><th>ms</th></tr>");
        for (Task t : s.tasks()) {
            h.append("<tr><td class=\"l\">").append(esc(t.version())).append("</td><td class=\"l\">")
                    .append(esc(t.task())).append("</td><td class=\"l\">").append(esc(t.status()))
                    .append("</td><td class=\"l\">").append(esc(t.node())).append("</td><td>")
                    .append(t.fencingToken()).append("</td><td>").append(t.durationMs())
                    .append("</td></tr>");
        }
        h.append("</table><p>").append(s.transfers()).append(" transfers stored, ")
                .append(s.transfersWithoutQuoteId()).append(" without a quote id.</p></body></html>\n");
        Files.writeString(file, h, StandardCharsets.UTF_8);
    }

    private static String box(Object release, Object api, Object data) {
        return "<div class=\"rel\"><b>" + esc(release) + "</b><br>API " + esc(api) + "<br>data " + esc(data) + "</div>";
    }

    private static String row(String name, Requests p) {
        long failed = p.failed();
        return "<tr><td class=\"l\">" + name + "</td><td>" + p.sent() + "</td><td>" + p.succeeded()
                + "</td><td" + (failed > 0 ? " class=\"bad\"" : "") + ">" + failed + "</td><td>" + p.p50Ms()
                + "</td><td>" + p.p99Ms() + "</td><td class=\"l\">" + esc(p.apiVersions()) + "</td></tr>";
    }

    /** Throughput (ok and failed requests/s, per 500 ms) as bars, p99 latency as a line, rolling phases shaded. */
    private static String chart(DemoSummary s) {
        List<Bucket> timeline = s.timeline();
        List<Phase> phases = s.phases();
        int w = 1000;
        int ht = 300;
        int left = 50;
        int right = 50;
        int top = 30;
        int bottom = 40;
        double tMax = 1;
        double rMax = 1;
        double lMax = 1;
        for (Bucket b : timeline) {
            tMax = Math.max(tMax, b.tMs() + 500);
            rMax = Math.max(rMax, b.sent() * 2);
            lMax = Math.max(lMax, b.p99Ms());
        }
        for (Phase p : phases) {
            tMax = Math.max(tMax, p.endMs());
        }
        double pw = w - left - right;
        double ph = ht - top - bottom;
        final double tm = tMax;
        final double rm = rMax * 1.1;
        final double lm = lMax * 1.1;
        java.util.function.DoubleUnaryOperator x = t -> left + t / tm * pw;
        StringBuilder g = new StringBuilder();
        g.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"").append(ht)
                .append("\" font-size=\"11\" font-family=\"sans-serif\">");
        int k = 0;
        for (Phase p : phases) {
            double x0 = x.applyAsDouble(p.startMs());
            double x1 = x.applyAsDouble(p.endMs());
            boolean roll = "rolling".equals(p.kind()) || "rollback".equals(p.kind());
            boolean move = "move".equals(p.kind());
            g.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>",
                    x0, top, Math.max(0.5, x1 - x0), ph, roll ? "#fff1cc" : move ? "#e3f6e3" : "#eef5ff"));
            String label = p.name().replace("steady ", "").replaceAll("step (\\d+): .*", "step $1")
                    .replace("move to new cluster", "move").replace("new cluster", "new");
            g.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    (x0 + x1) / 2, top - 6 - (k++ % 2) * 11 + 11, esc(label)));
        }
        double barW = Math.max(1, 500 / tm * pw - 1);
        StringBuilder line = new StringBuilder();
        for (Bucket b : timeline) {
            double x0 = x.applyAsDouble(b.tMs());
            double okH = b.succeeded() * 2 / rm * ph;
            double badH = b.failed() * 2 / rm * ph;
            double base = top + ph;
            g.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#5b8dd9\"/>",
                    x0, base - okH, barW, okH));
            if (badH > 0) {
                g.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#d9342b\"/>",
                        x0, base - okH - badH, barW, badH));
            }
            line.append(String.format(Locale.ROOT, "%.1f,%.1f ", x0 + barW / 2, base - b.p99Ms() / lm * ph));
        }
        g.append("<polyline fill=\"none\" stroke=\"#222\" stroke-width=\"1.5\" points=\"").append(line).append("\"/>");
        g.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#444\"/>",
                left, top + ph, left + pw, top + ph));
        for (int i = 0; i <= 4; i++) {
            double y = top + ph - i * ph / 4;
            g.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#5b8dd9\">%.0f</text>",
                    left - 4, y + 4, rm * i / 4));
            g.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\">%.0f</text>", left + pw + 4, y + 4,
                    lm * i / 4));
        }
        for (int sec = 0; sec <= tm / 1000; sec += Math.max(1, (int) (tm / 1000 / 10))) {
            g.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%ds</text>",
                    x.applyAsDouble(sec * 1000.0), top + ph + 14, sec));
        }
        g.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">requests/s: blue ok, red failed; black line:"
                + " p99 latency ms (right axis); shaded yellow: rolling steps, green: side-by-side move</text>", left, ht - 6));
        return g.append("</svg>").toString();
    }

    static String esc(Object o) {
        return String.valueOf(o).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
