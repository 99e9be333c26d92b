package io.upsilon.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the goal verdicts out of a benchmark's markdown, so that {@link AllBench} summarises what each benchmark
 * itself concluded instead of judging its numbers a second time. These forms are understood:
 *
 * <ul>
 *   <li>a table row with a bold figure and a {@code goal …: met} cell, as the copy and rolling benchmarks write:
 *       {@code | **ours / raw** (rows/s) | | **0.464** | goal ≥ 0.8: **NOT met** |};</li>
 *   <li>a sentence with parts {@code <figure>: <number> — met|NOT met}, as the start-up benchmark writes:
 *       {@code Goal (DESIGN.md): … Cold check: 0.393 — NOT met; warm check: 0.104 — met.};</li>
 *   <li>a sentence {@code Goal …: <figure>: met|NOT met (<value>)}, as the ready benchmark writes:
 *       {@code Goal (DESIGN.md): every node READY within 100 ms of the task's end: **met** (median 45 ms).};</li>
 *   <li>any other line that mentions a goal and says met or NOT met, quoted as it is.</li>
 * </ul>
 */
final class AllGoals {

    /** One verdict: what was measured, its value, the goal as the benchmark states it (or null), and whether met. */
    record Goal(String figure, String value, String goal, boolean met) {
    }

    private static final Pattern BOLD_VALUE = Pattern.compile("^\\*\\*([^*]+)\\*\\*$");
    private static final Pattern GOAL_CELL = Pattern.compile("^goal\\s+(.+?):\\s*(.*)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern SENTENCE_PART = Pattern.compile(
            "([A-Za-z][\\w ,/()-]*?):\\s*\\**([-\\d.,]+(?:\\s?ms|×)?)\\**\\s*[—-]+\\s*\\**(NOT met|met)\\b");
    private static final Pattern VERDICT = Pattern.compile(
            "Goal[^:]*:\\s*(.+?):\\s*\\**(NOT met|met)\\**\\s*(?:\\(([^)]*)\\))?");
    private static final Pattern SAYS_MET = Pattern.compile("\\bmet\\b");

    private AllGoals() {
    }

    static List<Goal> parse(String markdown) {
        List<Goal> goals = new ArrayList<>();
        boolean code = false;
        for (String line : markdown.split("\n")) {
            if (line.startsWith("```")) {
                code = !code;
            }
            if (code || !line.toLowerCase(java.util.Locale.ROOT).contains("goal") || !SAYS_MET.matcher(line).find()) {
                continue;
            }
            int before = goals.size();
            if (line.trim().startsWith("|")) {
                tableRow(line, goals);
            } else {
                sentence(line, goals);
            }
            if (goals.size() == before) {
                String text = plain(line);
                goals.add(new Goal(text.length() > 160 ? text.substring(0, 157) + "…" : text, "", null,
                        !line.contains("NOT met")));
            }
        }
        return goals;
    }

    private static void tableRow(String line, List<Goal> goals) {
        String[] cells = line.trim().split("\\|");
        String label = null;
        String value = null;
        Matcher goal = null;
        for (String raw : cells) {
            String cell = raw.trim();
            if (cell.isEmpty()) {
                continue;
            }
            Matcher bold = BOLD_VALUE.matcher(cell);
            Matcher g = GOAL_CELL.matcher(cell);
            if (label == null) {
                label = plain(cell);
            } else if (value == null && bold.matches()) {
                value = bold.group(1).trim();
            } else if (g.matches()) {
                goal = g;
            }
        }
        if (label != null && value != null && goal != null) {
            goals.add(new Goal(label, value, goal.group(1).trim(), !goal.group(2).contains("NOT met")));
        }
    }

    private static void sentence(String line, List<Goal> goals) {
        Matcher m = SENTENCE_PART.matcher(line);
        boolean found = false;
        while (m.find()) {
            found = true;
            String figure = m.group(1).trim();
            // the part follows a period of the sentence before it: keep the figure's own words only
            int dot = figure.lastIndexOf(". ");
            goals.add(new Goal(dot >= 0 ? figure.substring(dot + 2) : figure, m.group(2), null,
                    m.group(3).equals("met")));
        }
        if (!found) {
            Matcher v = VERDICT.matcher(line);
            if (v.find()) {
                goals.add(new Goal(plain(v.group(1)), v.group(3) == null ? "" : plain(v.group(3)), null,
                        v.group(2).equals("met")));
            }
        }
    }

    /** Markdown emphasis and code marks removed. */
    static String plain(String s) {
        return s.replace("**", "").replace("`", "").replaceAll("^[|\\s]+|[|\\s]+$", "").trim();
    }
}
