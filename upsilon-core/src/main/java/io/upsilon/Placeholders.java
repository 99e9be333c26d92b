package io.upsilon;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Values replaced into SQL scripts: {@code ${name}} becomes the value of {@code name}. Names are letters, digits,
 * {@code _}, {@code .} and {@code -}, starting with a letter or {@code _}, and match case-insensitively (so
 * {@code UPSILON_PLACEHOLDER_SCHEMA} gives {@code ${schema}}). {@code \${name}} is written as a literal
 * {@code ${name}}. Any other {@code $} (dollar quotes, {@code $1}, a {@code ${} not followed by a name and {@code }})
 * is left alone. Immutable.
 *
 * <p>Checksums are computed on the script as written, before replacement, as Flyway does: the same script then has
 * the same checksum in every environment, and giving a placeholder another value (another schema name in staging)
 * never makes validation refuse a script that did not change.
 */
public final class Placeholders {

    /** Compiled on first use: a start-up that reads no script and gives no placeholder never compiles them. */
    private static final class Patterns {
        static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
        static final Pattern PLACEHOLDER = Pattern.compile("(\\\\?)\\$\\{(" + NAME.pattern() + ")}");
    }
    private static final Placeholders NONE = new Placeholders(Map.of());

    private final Map<String, String> values;

    private Placeholders(Map<String, String> values) {
        this.values = values;
    }

    /** No placeholders: a script that uses one fails with {@link ErrorCode#UNKNOWN_PLACEHOLDER}. */
    public static Placeholders none() {
        return NONE;
    }

    /**
     * Placeholders with these values.
     *
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} for a name that cannot be written as {@code ${name}}, a
     *                          null value, or two names that differ only in case
     */
    public static Placeholders of(Map<String, String> values) {
        Map<String, String> normalized = new TreeMap<>();
        values.forEach((name, value) -> {
            if (name == null || !Patterns.NAME.matcher(name).matches()) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "placeholder name '" + name + "' is not usable as"
                        + " ${name}; use letters, digits, '_', '.' and '-', starting with a letter or '_'");
            }
            if (value == null) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "placeholder '" + name + "' has no value; give it one"
                        + " or remove it");
            }
            if (normalized.put(name.toLowerCase(Locale.ROOT), value) != null) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "placeholder '" + name + "' is given twice (names"
                        + " match without regard to case); keep one");
            }
        });
        return new Placeholders(Collections.unmodifiableMap(normalized)); // sorted, for messages
    }

    /** The values by lower-case name, in name order. */
    public Map<String, String> values() {
        return values;
    }

    /** The placeholder names {@code script} uses, lower case; escaped ones ({@code \${name}}) are not counted. */
    public static Set<String> used(String script) {
        Set<String> names = new TreeSet<>();
        Matcher m = Patterns.PLACEHOLDER.matcher(script);
        while (m.find()) {
            if (m.group(1).isEmpty()) {
                names.add(m.group(2).toLowerCase(Locale.ROOT));
            }
        }
        return names;
    }

    /**
     * {@code script} with every placeholder replaced and every escaped one unescaped.
     *
     * @param where the script, for the error message
     * @throws UpsilonException {@link ErrorCode#UNKNOWN_PLACEHOLDER} naming the first placeholder without a value
     */
    public String apply(String script, String where) {
        Matcher m = Patterns.PLACEHOLDER.matcher(script);
        StringBuilder out = new StringBuilder(script.length());
        while (m.find()) {
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = "${" + m.group(2) + "}";
            } else {
                replacement = values.get(m.group(2).toLowerCase(Locale.ROOT));
                if (replacement == null) {
                    throw new UpsilonException(ErrorCode.UNKNOWN_PLACEHOLDER, where + " uses placeholder ${"
                            + m.group(2) + "}, which has no value" + (values.isEmpty() ? " (no placeholders are"
                            + " configured)" : " (known: " + String.join(", ", values.keySet()) + ")")
                            + "; set it with 'placeholders." + m.group(2) + "=...' in the config file, $UPSILON_"
                            + "PLACEHOLDER_" + m.group(2).toUpperCase(Locale.ROOT).replaceAll("[.-]", "_")
                            + " or UpsilonConfig.Builder.placeholders, or write \\${" + m.group(2) + "} for the"
                            + " literal text");
                }
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    @Override
    public String toString() {
        return "Placeholders" + values.keySet();
    }
}
