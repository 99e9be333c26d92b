package io.upsilon.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** The markdown of the {@code copy} mode: set-up, the goals, the rounds, and what our copy's time is made of. */
final class CopyReport {

    private CopyReport() {
    }

    static String markdown(CopyBench.Options options, String loadAtStart, String jvm, String postgres,
                           List<CopyBench.Round> rounds, CopyExplain.Samples explain) {
        List<Long> ours = rounds.stream().map(CopyBench.Round::oursRun).toList();
        List<Long> raw = rounds.stream().map(CopyBench.Round::raw).toList();
        List<Long> incremental = rounds.stream().map(CopyBench.Round::incremental).toList();
        double oursRate = options.rows / (Stats.median(ours) / 1e9);
        double rawRate = options.rows / (Stats.median(raw) / 1e9);
        double ratio = oursRate / rawRate;
        double fraction = Stats.median(incremental) / Stats.median(ours);

        StringBuilder r = new StringBuilder();
        r.append("# Side-by-side copy: upsilon-migrate vs a raw pgJDBC COPY pipe\n\n");
        r.append("Measured ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(
                Locale.ROOT)).replaceAll("\\.\\d+", "")).append(" with `java -jar upsilon-bench/target/upsilon-bench.jar"
                + " copy").append(options.raw.isEmpty() ? "" : " " + String.join(" ", options.raw)).append("`.\n\n");
        r.append("- JVM: ").append(jvm).append("; ").append(Runtime.getRuntime().availableProcessors())
                .append(" CPUs (").append(System.getProperty("os.name")).append(' ')
                .append(System.getProperty("os.arch")).append("); load average (1, 5, 15 min) at the start ")
                .append(loadAtStart).append(", at the end ").append(BenchDatabases.loadAverage()).append("\n");
        r.append("- PostgreSQL: ").append(postgres).append(" — one embedded server (zonky, fsync=off,"
                + " synchronous_commit=off), source and targets are databases on it\n");
        r.append("- Source: table `t (id bigint PRIMARY KEY, amount numeric NOT NULL, note text, state text NOT NULL,"
                + " updated_at timestamptz NOT NULL)` with ").append(fmt(options.rows)).append(" rows and an index on"
                + " `(updated_at, id)` (the keyset order)\n");
        r.append("- Targets: per round two fresh databases with the same table (primary key only)\n");
        r.append("- Ours: `Migrator.create(spec, Stores.source(…), Stores.target(…), loader).run(Optional.empty(),"
                + " Deletes.IGNORE, none())`, one entity, no transforms, batchSize ").append(fmt(options.batch))
                .append("; the time is `run()` (`create()` is listed apart)\n");
        r.append("- Raw: `COPY (SELECT ").append(CopyBench.COLUMNS).append(" FROM t) TO STDOUT").append(options.rawText ? ""
                : " WITH (FORMAT binary)").append("` → `COPY t FROM STDIN` on two pgJDBC connections, one thread,"
                + " 256 KiB buffer\n");
        r.append("- ").append(options.rounds).append(" rounds, sides alternating which goes first")
                .append(options.warmupRows > 0 ? ", after an unmeasured warm-up of " + fmt(options.warmupRows)
                        + " rows per side" : "").append("; medians. Each run is checked: target row count and a"
                + " content fingerprint (`count(*)`, `sum(hashtext(t::text))`) equal the source's\n");
        r.append("- Incremental: after the full copies, `UPDATE t SET note = …, amount = amount + 1, state = 'CLOSED',"
                + " updated_at = now() WHERE id % 100 = 0`, then ours runs again from its checkpoint (overlap 5s)"
                + " into its target; checked the same way, plus every changed row carries its new note\n\n");

        r.append("| | median | rows/s (median) | min–max |\n|---|---:|---:|---:|\n");
        r.append("| ours: full copy (`run()`) | ").append(Stats.ms(Stats.median(ours))).append(" | ")
                .append(fmt((long) oursRate)).append(" | ").append(range(ours)).append(" |\n");
        r.append("| raw COPY pipe | ").append(Stats.ms(Stats.median(raw))).append(" | ").append(fmt((long) rawRate))
                .append(" | ").append(range(raw)).append(" |\n");
        r.append("| **ours / raw** (rows/s) | | **").append(String.format(Locale.ROOT, "%.3f", ratio))
                .append("** | goal ≥ 0.8: ").append(ratio >= 0.8 ? "met" : "**NOT met**").append(" |\n");
        r.append("| ours: incremental after 1% changed | ").append(Stats.ms(Stats.median(incremental)))
                .append(" | ").append(fmt(rounds.get(0).incrementalRows())).append(" rows read | ")
                .append(range(incremental)).append(" |\n");
        r.append("| **incremental / ours full** (time) | | **").append(String.format(Locale.ROOT, "%.3f", fraction))
                .append("** | goal ≤ 0.05: ").append(fraction <= 0.05 ? "met" : "**NOT met**").append(" |\n");

        r.append("\nPer round (ms):\n\n| round | first | ours create | ours run | in `page()` | in `write()` |"
                + " engine (rest) | pages | raw | incremental |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (CopyBench.Round x : rounds) {
            r.append("| ").append(x.number()).append(" | ").append(x.oursFirst() ? "ours" : "raw").append(" | ")
                    .append(bare(x.oursCreate())).append(" | ").append(bare(x.oursRun())).append(" | ")
                    .append(bare(x.oursPage())).append(" | ").append(bare(x.oursWrite())).append(" | ")
                    .append(bare(x.oursRun() - x.oursPage() - x.oursWrite())).append(" | ").append(x.pages()).append(" | ")
                    .append(bare(x.raw())).append(" | ").append(bare(x.incremental())).append(" |\n");
        }
        r.append("\n`page()` and `write()` are the wall time inside `SourceStore.page` and `TargetStore.write` during"
                + " ours' full copy (pass-through wrappers); the engine is the rest (transform, checkpoint read,"
                + " threads). Ours reads page k+1 while it writes page k, so the two overlap (hence a negative rest);"
                + " an entity with no transforms and the same column types on both sides, as here, moves as binary"
                + " `COPY` pages (`copyPage`, not `page`).\n");

        if (explain != null) {
            r.append("\n## What our copy's time is made of\n\nEach part alone, ").append(fmt(options.rows))
                    .append(" rows, pages of ").append(fmt(options.batch)).append(", median of ")
                    .append(options.explainRounds).append(" (min–max):\n\n| part | time | rows/s | min–max |\n"
                    + "|---|---:|---:|---:|\n");
            String[][] parts = {
                {"copyOutDrain", "source: `COPY (SELECT …) TO STDOUT (binary)` drained, nothing written"},
                {"storeCopyPages", "source, the pass-through: `PgSourceStore.copyPage` page by page, binary (a one-row"
                        + " query for the last update time and key, then the binary `COPY`, in one snapshot)"},
                {"storeCopyWrites", "target, the pass-through: `PgTargetStore.write` of those binary pages (straight"
                        + " `COPY` in a savepoint, checkpoint, commit)"},
                {"keysetGetString", "source: the store's keyset query page by page, one connection, `getString` on"
                        + " every cell"},
                {"keysetCopy", "source: the same keyset pages as `COPY (SELECT … LIMIT n) TO STDOUT (csv)`, one"
                        + " connection"},
                {"storePages", "source: `PgSourceStore.page` page by page (also a `Row` per row, a new connection"
                        + " per page)"},
                {"storeWrites", "target: `PgTargetStore.write` of those pages (CSV, stage, upsert, checkpoint, new"
                        + " connection each)"},
                {"copyInDirect", "target: the same rows as CSV, `COPY` straight into the table, a transaction per"
                        + " page, one connection"},
                {"copyInStageUpsert", "target: the same CSV, `COPY` into a temp stage + `INSERT … ON CONFLICT DO"
                        + " UPDATE` per page (the store's SQL), one connection"},
                {"copyInStageUpsertNewConnections", "target: the same staged upsert, a new connection per page (as"
                        + " the store does)"},
            };
            for (String[] part : parts) {
                List<Long> samples = explain.samples.getOrDefault(part[0], List.of());
                r.append("| ").append(part[1]).append(" | ").append(Stats.ms(explain.median(part[0]))).append(" | ")
                        .append(rate(options.rows, explain.median(part[0]))).append(" | ").append(range(samples))
                        .append(" |\n");
            }
            r.append("\nOpening one `PGSimpleDataSource` connection (`getConnection()` + `isValid`): ")
                    .append(Stats.ms(explain.median("connection"))).append(" (the stores open one per page on each"
                    + " side).\n");
        }
        return r.toString();
    }

    static String range(List<Long> samples) {
        return bare(samples.stream().min(Comparator.naturalOrder()).orElse(0L)) + "–"
                + bare(samples.stream().max(Comparator.naturalOrder()).orElse(0L)) + " ms";
    }

    static String bare(long nanos) {
        return String.format(Locale.ROOT, "%,.0f", nanos / 1e6);
    }

    static String rate(long rows, long nanos) {
        return fmt((long) (rows / (nanos / 1e9)));
    }

    static String fmt(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
