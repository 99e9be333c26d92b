package io.upsilon.reliability;

import java.util.Locale;

/**
 * How hard the suite pushes: {@link #SHORT} is the few rounds per scenario that run inside {@code mvn verify};
 * {@link #LONG} is the documented long run ({@code -Dupsilon.reliability=long}). Scenarios ask for their round
 * counts here rather than hard-coding them, so one code path serves both.
 */
public enum Scale {
    SHORT,
    LONG;

    /** The system property that selects the scale: {@code short} (default) or {@code long}. */
    public static final String PROPERTY = "upsilon.reliability";

    /** The scale this JVM runs at; an unknown value is an error rather than a silent short run. */
    public static Scale current() {
        String value = System.getProperty(PROPERTY, "short").trim().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "short" -> SHORT;
            case "long" -> LONG;
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + value
                    + " is not a scale; use short (the default) or long");
        };
    }

    /** {@code shortRounds} at the short scale, {@code longRounds} at the long one. */
    public static int rounds(int shortRounds, int longRounds) {
        return current() == LONG ? longRounds : shortRounds;
    }
}
