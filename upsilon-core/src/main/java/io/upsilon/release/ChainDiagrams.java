package io.upsilon.release;

import io.upsilon.report.ReportText;
import io.upsilon.report.TextTable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Pictures of a {@link PlannedChain} as plain text: a table, Mermaid (renders on GitHub inside a {@code ```mermaid}
 * block) and Graphviz dot. One box per release (version, API versions, data version) and one arrow per step,
 * labelled with its number and what changes; a breaking step is dashed and says BREAKING. Output is deterministic, ends with a
 * newline and uses node ids {@code r0, r1, ...} in chain order, so release text never needs to be an identifier.
 */
public final class ChainDiagrams {

    private ChainDiagrams() {
    }

    /**
     * A text table, one row per step: number, releases, API versions added and dropped, data versions before and
     * after, what clients must do, and for a rollback the tasks it undoes ({@code -} for none). When the chain has more
     * than one step and the direct step is not safe, a last line says why ({@code Not in one step: ...}).
     *
     * @param indent the start of every table line
     */
    public static String table(PlannedChain chain, String indent) {
        boolean back = chain.direction() == PlannedChain.Direction.ROLLBACK;
        TextTable table = back
                ? new TextTable("#", "STEP", "API ADDED", "API DROPPED", "DATA BEFORE", "DATA AFTER", "CLIENTS MUST",
                        "ROLLS BACK")
                : new TextTable("#", "STEP", "API ADDED", "API DROPPED", "DATA BEFORE", "DATA AFTER", "CLIENTS MUST");
        for (ChainStep s : chain.steps()) {
            Object[] cells = {s.number(), s.from().version() + " -> " + s.to().version(), list(s.apiAdded()),
                list(s.apiDropped()), s.dataBefore(), s.dataAfter(), s.clientAction(), list(s.rollsBack())};
            table.row(back ? cells : Arrays.copyOf(cells, 7));
        }
        StringBuilder out = new StringBuilder(table.text(indent));
        StepCheck direct = StepCheck.of(chain.from(), chain.to());
        if (chain.steps().size() > 1 && !direct.safe()) {
            out.append("Not in one step: ").append(direct).append(".\n");
        }
        return out.toString();
    }

    /**
     * The chain for a person ({@code upsilon path}): {@code Upgrade 1.0.0 -> 2.0.1 in 4 steps (releases.yaml):} (or
     * {@code Roll back ...}; with how many steps are BREAKING when some are) above the {@link #table} indented by two
     * blanks; or {@code Nothing to do: ...} for an empty chain. Every line ends with a newline.
     */
    public static String describe(PlannedChain chain) {
        if (chain.isEmpty()) {
            return "Nothing to do: " + chain.from().version() + " is already the target.\n";
        }
        int breaking = chain.breakingSteps().size();
        return (chain.direction() == PlannedChain.Direction.ROLLBACK ? "Roll back " : "Upgrade ")
                + chain.from().version() + " -> " + chain.to().version() + " in "
                + ReportText.plural(chain.steps().size(), "step")
                + (breaking == 0 ? "" : ", " + breaking + " of them BREAKING (--allow-breaking-api)")
                + " (" + chain.source() + "):\n" + table(chain, "  ");
    }

    private static String list(List<String> values) {
        return values.isEmpty() ? "-" : String.join(", ", values);
    }

    /** A Mermaid flowchart, left to right. */
    public static String mermaid(PlannedChain chain) {
        StringBuilder out = new StringBuilder("flowchart LR\n");
        List<Release> stops = chain.releases();
        for (int i = 0; i < stops.size(); i++) {
            Release r = stops.get(i);
            out.append("  r").append(i).append("[\"").append(mermaidText(r.version().toString())).append("<br/>API ")
                    .append(mermaidText(String.join(", ", r.apiVersions()))).append("<br/>data ")
                    .append(r.dataVersion()).append("\"]\n");
        }
        for (ChainStep step : chain.steps()) {
            String arrow = step.breaking() ? " -.->" : " -->";
            out.append("  r").append(step.number() - 1).append(arrow).append("|\"")
                    .append(label(step, ChainDiagrams::mermaidText)).append("\"| r").append(step.number()).append('\n');
        }
        return out.toString();
    }

    /** A Graphviz digraph, left to right. */
    public static String dot(PlannedChain chain) {
        StringBuilder out = new StringBuilder("digraph releases {\n  rankdir=LR;\n  node [shape=box];\n");
        List<Release> stops = chain.releases();
        for (int i = 0; i < stops.size(); i++) {
            Release r = stops.get(i);
            out.append("  r").append(i).append(" [label=\"").append(dotText(r.version().toString())).append("\\nAPI ")
                    .append(dotText(String.join(", ", r.apiVersions()))).append("\\ndata ").append(r.dataVersion())
                    .append("\"];\n");
        }
        for (ChainStep step : chain.steps()) {
            out.append("  r").append(step.number() - 1).append(" -> r").append(step.number()).append(" [label=\"")
                    .append(label(step, ChainDiagrams::dotText)).append('"')
                    .append(step.breaking() ? ", style=dashed, color=red, fontcolor=red" : "").append("];\n");
        }
        return out.append("}\n").toString();
    }

    /**
     * {@code 2: adds API v2}, {@code 4: data 1.0.1 → 2.0.0}, {@code 1: BREAKING, drops API v1, ...}; API versions
     * (free text from the descriptor file) go through {@code escape}.
     */
    static String label(ChainStep step, UnaryOperator<String> escape) {
        List<String> parts = new ArrayList<>();
        if (step.breaking()) {
            parts.add("BREAKING");
        }
        if (!step.apiAdded().isEmpty()) {
            parts.add("adds API " + escape.apply(String.join(", ", step.apiAdded())));
        }
        if (!step.apiDropped().isEmpty()) {
            parts.add("drops API " + escape.apply(String.join(", ", step.apiDropped())));
        }
        if (step.changesData()) {
            parts.add("data " + step.dataBefore() + " \u2192 " + step.dataAfter());
        }
        if (parts.isEmpty()) {
            parts.add("code only");
        }
        return step.number() + ": " + String.join(", ", parts);
    }

    /** Mermaid entity codes for the characters that would end or confuse a quoted label. */
    private static String mermaidText(String text) {
        return text.replace("#", "#35;").replace("\"", "#quot;").replace("<", "#lt;").replace(">", "#gt;");
    }

    private static String dotText(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
