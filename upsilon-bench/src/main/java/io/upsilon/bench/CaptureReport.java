package io.upsilon.bench;

import java.util.List;
import java.util.Locale;

/** The markdown of the {@code capture} mode: the figures per size, the goals, and where the time goes. */
final class CaptureReport {

    private CaptureReport() {
    }

    static String markdown(List<CaptureBench.Size> sizes, int changes, String postgres, String loadBefore,
                           String loadAfter, String args) {
        StringBuilder md = new StringBuilder("# Snapshot copy and log capture (`capture` mode)\n\n")
                .append("`java -jar upsilon-bench/target/upsilon-bench.jar capture ").append(args).append("`; ")
                .append(postgres).append("; ").append(Runtime.getRuntime().availableProcessors())
                .append(" processors; load average (1, 5, 15 min) ").append(loadBefore).append(" before, ")
                .append(loadAfter).append(" after (a shared machine: figures move with the neighbours' load; the"
                        + " ratios compare figures taken minutes apart in one run).\n\n")
                .append("Two servers on this machine: the source on one (`wal_level=logical`), every target on the"
                        + " other. Both copies write into a target table with its primary key (the raw pipe does the"
                        + " same work but keeps no checkpoints, takes no snapshot and makes no slot). The catch-ups"
                        + " and the window apply the values the log carries (no source read).\n\n")
                .append("| rows | raw COPY pipe | first copy --jobs 1 | --jobs 2 (set-up / end) | jobs 2 / jobs 1 |"
                        + " catch-up of 1%, `migrate run` | catch-up of 1%, in a session | window after ")
                .append(changes).append(" changes (final catch-up) |\n|---|---|---|---|---|---|---|---|\n");
        for (CaptureBench.Size s : sizes) {
            md.append(String.format(Locale.ROOT, "| %,d | %s | %s | %s (%s / %s) | %.2f | %s | %s (%,d changes) |"
                            + " %s (%s; %,d keys verified) |%n", s.rows(), Stats.ms(s.raw()), Stats.ms(s.jobs1().total()),
                    Stats.ms(s.jobs2().total()), Stats.ms(s.jobs2().setUp()), Stats.ms(s.jobs2().end()),
                    (double) s.jobs2().total() / s.jobs1().total(), Stats.ms(s.runCatchUp()),
                    Stats.ms(s.sessionCatchUp()), s.changes(), Stats.ms(s.window()), Stats.ms(s.windowDrain()),
                    s.verifiedKeys()));
        }
        md.append("\n| goal | figure | | verdict |\n|---|---|---:|---|\n");
        for (CaptureBench.Size s : sizes) {
            double ratio = (double) s.raw() / s.jobs2().total();
            double catchUp = (double) s.sessionCatchUp() / s.jobs2().total();
            double window = (double) s.window() / s.jobs2().total();
            goal(md, String.format(Locale.ROOT, "%,d rows: ours (jobs 2) / raw COPY, rows/s", s.rows()), ratio,
                    "≥ 0.8", ratio >= 0.8);
            goal(md, String.format(Locale.ROOT, "%,d rows: jobs 2 faster than jobs 1 (time ratio)", s.rows()),
                    (double) s.jobs2().total() / s.jobs1().total(), "< 1", s.jobs2().total() < s.jobs1().total());
            goal(md, String.format(Locale.ROOT, "%,d rows: catch-up of 1%% in a session / full copy", s.rows()),
                    catchUp, "≤ 0.05", catchUp <= 0.05);
            goal(md, String.format(Locale.ROOT, "%,d rows: window / full copy", s.rows()), window, "≤ 0.1",
                    window <= 0.1);
        }
        if (sizes.size() > 1) {
            CaptureBench.Size small = sizes.get(0);
            CaptureBench.Size big = sizes.get(sizes.size() - 1);
            double growth = (double) (big.window() - small.window()) / small.window();
            goal(md, String.format(Locale.ROOT, "window growth from %,d to %,d rows", small.rows(), big.rows()),
                    growth, "< 0.2", growth < 0.2);
        }
        return md.toString();
    }

    private static void goal(StringBuilder md, String figure, double value, String goal, boolean met) {
        md.append("| ").append(figure).append(" | | **").append(String.format(Locale.ROOT, "%.3f", value))
                .append("** | goal ").append(goal).append(": ").append(met ? "met" : "**NOT met**").append(" |\n");
    }
}
