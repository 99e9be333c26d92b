package io.upsilon.bench;

import io.upsilon.bench.StartRounds.Measured;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The start-up benchmark's markdown: the explanation ({@link StartExplanation}), the table of medians and ratios,
 * the goals' verdicts, where the cold time goes, and applying every task on an empty database.
 */
final class StartReport {

    private StartReport() {
    }

    static String of(StartExplanation.Environment env, Harness.Options options, Map<Integer, Harness.Setup> setups,
                     Map<Integer, Measured> measured, List<Long> emptyJvm) {
        StringBuilder r = new StringBuilder(StartExplanation.of(env, options));
        r.append("| applied tasks | mode | Upsilon median (min–max) | Flyway median (min–max) | Liquibase median"
                + " (min–max) | Upsilon/Flyway | Upsilon/Liquibase |\n");
        r.append("|---:|---|---:|---:|---:|---:|---:|\n");
        // {Upsilon's key, label, the peers' key when it differs}
        String[][] rows = {
            {"launch.total", "cold, as each side's launcher starts it: check (Upsilon: bin/upsilon's JVM options"
                    + " and its AppCDS archive; Flyway, Liquibase: JVM defaults)", "cold.total"},
            {"launch.wall", "cold, as each side's launcher starts it: child wall time", "cold.wall"},
            {"cold.total", "cold, JVM defaults on every side: check (fresh JVM, incl. loading and construction)"},
            {"cold.wall", "cold, JVM defaults on every side: child wall time (JVM start to exit)"},
            {"cds.total", "cold with AppCDS: check (fresh JVM, each side's own archive)"},
            {"cds.wall", "cold with AppCDS: child wall time"},
            {"warm.reuse", "warm: check on a built object, per call"},
            {"warm.full", "warm: load + build + check, per call"},
        };
        for (Map.Entry<Integer, Measured> e : measured.entrySet()) {
            Measured m = e.getValue();
            for (String[] row : rows) {
                String peers = row.length > 2 ? row[2] : row[0];
                List<Long> ours = m.ours.getOrDefault(row[0], List.of());
                List<Long> theirs = m.flyway.getOrDefault(peers, List.of());
                List<Long> lb = m.liquibase.getOrDefault(peers, List.of());
                if (ours.isEmpty()) {
                    continue;
                }
                r.append("| ").append(String.format(Locale.ROOT, "%,d", e.getKey())).append(" | ").append(row[1])
                        .append(" | ").append(Stats.summary(ours)).append(" | ").append(Stats.summary(theirs))
                        .append(" | ").append(Stats.summary(lb)).append(" | ").append(Stats.ratio(ours, theirs))
                        .append(" | ").append(Stats.ratio(ours, lb)).append(" |\n");
            }
        }
        r.append("\nBaseline: an empty JVM started from the same jar (prints one line, exits) takes ")
                .append(Stats.summary(emptyJvm)).append(" wall time.\n");

        int bigSize = options.sizes.stream().max(Comparator.naturalOrder()).orElseThrow();
        Measured big = measured.get(bigSize);
        if (big != null) {
            goals(r, big, bigSize);
        }

        r.append("\n## Where the cold time goes\n\n");
        r.append("Medians of the phases inside the cold children above:\n\n");
        String[][] cold = {
            {"node_id", "Upsilon: the data source (loads pgJDBC's `Driver`), `UpsilonConfig.defaultNodeId()`",
                "ours"},
            {"manifest_load", "Upsilon: `Manifest.load` (N scripts checked to exist, read lazily)", "ours"},
            {"build", "Upsilon: backend, config, `Upsilon.create`", "ours"},
            {"configure_load", "Flyway: the data source, `Flyway.configure()…load()`; Liquibase: the data source,"
                    + " the resource accessor", "peers"},
            {"check_call", "the call: `upgrade()` / `migrate()` / connection + `update` (first in the JVM)", "both"},
            {"total", "check (sum)", "both"},
        };
        r.append(phaseTable(measured, cold, "cold.", false));
        if (big != null && big.ours.containsKey("cds.total")) {
            r.append("\nThe same phases in the cold children with AppCDS:\n\n");
            r.append(phaseTable(measured, cold, "cds.", false));
        }
        if (big != null && big.ours.containsKey("launch.total")) {
            r.append("\nUpsilon's phases as bin/upsilon starts it (its JVM options and AppCDS archive; the peers'"
                    + " columns are their plain cold children, as their launchers start them):\n\n");
            r.append(phaseTable(measured, cold, "launch.", "cold.", false));
        }
        r.append("\nProfile children (").append(options.coldRounds).append(" fresh JVMs per side and size) load"
                + " the JDBC driver and open a connection before anything else, then do the same start-up, then call"
                + " once more; this separates the driver's and the connection's cost from the library's own:\n\n");
        String[][] profile = {
            {"jdbc_first_connection", "pgJDBC driver loading + first connection", "both"},
            {"jdbc_second_connection", "one more connection (plain connect cost)", "both"},
            {"node_id", "Upsilon: `UpsilonConfig.defaultNodeId()`", "ours"},
            {"manifest_load", "Upsilon: `Manifest.load`", "ours"},
            {"build", "Upsilon: backend, config, `Upsilon.create`", "ours"},
            {"configure_load", "Flyway: `Flyway.configure()…load()`; Liquibase: the resource accessor", "peers"},
            {"first_check_call", "first `upgrade()` / `migrate()` / `update` (driver already loaded)", "both"},
            {"second_check_call", "second call in the same JVM", "both"},
        };
        r.append(phaseTable(measured, profile, "profile.", false));
        r.append("\nClasses loaded in each of those phases (median; from `ClassLoadingMXBean`, profile children"
                + " only):\n\n");
        r.append(phaseTable(measured, profile, "profile.classes_", true));
        applying(r, options, setups, bigSize);
        return r.toString();
    }

    private static void goals(StringBuilder r, Measured big, int bigSize) {
        double ratio = Stats.median(big.ours.get("cold.total")) / Stats.median(big.flyway.get("cold.total"));
        double warm = Stats.median(big.ours.get("warm.reuse")) / Stats.median(big.flyway.get("warm.reuse"));
        r.append("\nGoal (DESIGN.md): with ").append(String.format(Locale.ROOT, "%,d", bigSize))
                .append(" applied tasks the no-op check takes at most 0.2× Flyway's no-op migrate. ");
        if (big.ours.containsKey("launch.total")) {
            double launch = Stats.median(big.ours.get("launch.total")) / Stats.median(big.flyway.get("cold.total"));
            r.append("Cold check, each side as its launcher starts it: ").append(verdict(launch, 0.2)).append("; ");
        }
        r.append("cold check, JVM defaults on every side: ").append(verdict(ratio, 0.2));
        if (big.ours.containsKey("cds.total") && big.flyway.containsKey("cds.total")) {
            double cds = Stats.median(big.ours.get("cds.total")) / Stats.median(big.flyway.get("cds.total"));
            r.append("; cold check, both sides with AppCDS: ").append(verdict(cds, 0.2));
        }
        r.append("; warm check: ").append(verdict(warm, 0.1)).append(".\n\nUpsilon/Liquibase at ")
                .append(String.format(Locale.ROOT, "%,d", bigSize)).append(" tasks (no goal): cold check ")
                .append(Stats.ratio(big.ours.get("cold.total"), big.liquibase.get("cold.total")))
                .append(", warm ").append(Stats.ratio(big.ours.get("warm.reuse"), big.liquibase.get("warm.reuse")))
                .append(".\n");
    }

    private static String verdict(double ratio, double goal) {
        return String.format(Locale.ROOT, "%.3f", ratio) + (ratio <= goal ? " — met" : " — NOT met");
    }

    private static void applying(StringBuilder r, Harness.Options options, Map<Integer, Harness.Setup> setups,
                                 int bigSize) {
        r.append("\n## Applying every task on an empty database\n\n");
        r.append("Each side applies all N tasks (migrations, changesets) in a fresh JVM on an empty database of its"
                + " own, ").append(options.applyRounds).append(" rounds per size, sides rotating; timed in the child"
                + " from creating the data source to the end of the call (`upgrade()` / `migrate()` / `update`).\n\n");
        r.append("| tasks | Upsilon median (min–max) | Flyway median (min–max) | Liquibase median (min–max) |"
                + " Upsilon/Flyway | Upsilon/Liquibase |\n|---:|---:|---:|---:|---:|---:|\n");
        for (Harness.Setup s : setups.values()) {
            List<Long> ours = s.applyNanos().getOrDefault("ours", List.of());
            List<Long> flyway = s.applyNanos().getOrDefault("flyway", List.of());
            List<Long> lb = s.applyNanos().getOrDefault("liquibase", List.of());
            r.append(String.format(Locale.ROOT, "| %,d | ", s.size())).append(Stats.summary(ours)).append(" | ")
                    .append(Stats.summary(flyway)).append(" | ").append(Stats.summary(lb)).append(" | ")
                    .append(Stats.ratio(ours, flyway)).append(" | ").append(Stats.ratio(ours, lb)).append(" |\n");
        }
        Harness.Setup bigSetup = setups.get(bigSize);
        if (bigSetup != null && !bigSetup.applyNanos().isEmpty()) {
            double ratio = Stats.median(bigSetup.applyNanos().get("ours"))
                    / Stats.median(bigSetup.applyNanos().get("flyway"));
            r.append("\nGoal (DESIGN.md): applying ").append(String.format(Locale.ROOT, "%,d", bigSize))
                    .append(" pending tasks takes at most 0.5× Flyway. Applying, fresh JVM: ")
                    .append(verdict(ratio, 0.5)).append(".\n");
        }
    }

    /** One row per phase, one column per side and size; {@code prefix} is put before each key. */
    private static String phaseTable(Map<Integer, Measured> measured, String[][] phases, String prefix,
                                     boolean counts) {
        return phaseTable(measured, phases, prefix, prefix, counts);
    }

    /** {@link #phaseTable}, with the peers' samples under {@code peersPrefix}. */
    private static String phaseTable(Map<Integer, Measured> measured, String[][] phases, String prefix,
                                     String peersPrefix, boolean counts) {
        StringBuilder t = new StringBuilder("| phase |");
        StringBuilder line = new StringBuilder("|---|");
        for (int size : measured.keySet()) {
            t.append(String.format(Locale.ROOT, " Upsilon %,d | Flyway %,d | Liquibase %,d |", size, size, size));
            line.append("---:|---:|---:|");
        }
        t.append("\n").append(line).append("\n");
        for (String[] p : phases) {
            t.append("| ").append(p[1]).append(" |");
            for (Measured m : measured.values()) {
                // p[2] says which sides have the phase: ours, peers (Flyway and Liquibase) or both (all three)
                t.append(" ").append(p[2].equals("peers") ? "—" : cell(m.ours.get(prefix + p[0]), counts))
                        .append(" |");
                t.append(" ").append(p[2].equals("ours") ? "—" : cell(m.flyway.get(peersPrefix + p[0]), counts))
                        .append(" |");
                t.append(" ").append(p[2].equals("ours") ? "—" : cell(m.liquibase.get(peersPrefix + p[0]), counts))
                        .append(" |");
            }
            t.append("\n");
        }
        return t.toString();
    }

    private static String cell(List<Long> samples, boolean count) {
        if (samples == null || samples.isEmpty()) {
            return "—";
        }
        return count ? String.format(Locale.ROOT, "%,.0f", Stats.median(samples)) : Stats.ms(Stats.median(samples));
    }
}
