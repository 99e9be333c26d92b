package io.upsilon;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A software or data version, ordered numerically component by component.
 *
 * <p>{@code 0.9 < 0.10 < 1.0 == 1.0.0 < 1.0.1 < 2.0.0}: trailing zero components do not change a version, so
 * {@code 1.0} and {@code 1.0.0} are equal and have the same hash code. A pre-release suffix after {@code -} sorts
 * before the release ({@code 1.0.0-rc1 < 1.0.0}); pre-release identifiers compare as in Semantic Versioning
 * (numeric ones numerically, below alphanumeric ones). {@link #toString()} returns the text as it was given.
 */
public final class Version implements Comparable<Version> {

    /**
     * Whether {@code s} is {@code \d{1,18}(\.\d{1,18})*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?}. Scanned by hand rather than
     * with a regular expression: a start-up parses a manifest's thousand versions before the JIT has compiled
     * anything, and the interpreted regex engine made up a quarter of loading the manifest.
     */
    private static boolean isSyntax(String s) {
        int i = 0;
        int n = s.length();
        while (true) {
            int start = i;
            while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == start || i - start > 18) {
                return false;
            }
            if (i == n) {
                return true;
            }
            if (s.charAt(i) == '-') {
                break;
            }
            if (s.charAt(i) != '.') {
                return false;
            }
            i++;
        }
        i++; // the pre-release suffix: identifiers of [0-9A-Za-z-] separated by single dots
        int identifier = 0;
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                if (identifier == 0) {
                    return false;
                }
                identifier = 0;
            } else if (c == '-' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')) {
                identifier++;
            } else {
                return false;
            }
        }
        return identifier > 0;
    }

    private static final String[] NO_PRE_RELEASE = new String[0];

    private final String text;
    private final long[] numbers;
    private final String[] preRelease;

    private Version(String text, long[] numbers, String[] preRelease) {
        this.text = text;
        this.numbers = numbers;
        this.preRelease = preRelease;
    }

    /**
     * Parses a version.
     *
     * @throws UpsilonException with {@link ErrorCode#INVALID_VERSION} quoting the text when it is not a version
     */
    public static Version parse(String text) {
        // strip, not trim: trim also drops NUL and other controls
        Version version = text == null ? null : parseStripped(text.strip());
        if (version == null) {
            throw new UpsilonException(ErrorCode.INVALID_VERSION, "invalid version '" + Texts.quote(text)
                    + "': expected numbers separated by dots with an optional -suffix, e.g. 1.0.2 or 2.0.0-rc1");
        }
        return version;
    }

    /**
     * The version {@code s} (already stripped), or null when it is not one. Checked and read in one pass each, by
     * hand: the manifest parser calls it for every version line of a cold start.
     */
    static Version parseStripped(String s) {
        if (!isSyntax(s)) {
            return null;
        }
        int dash = s.indexOf('-');
        int end = dash < 0 ? s.length() : dash;
        int count = 1;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == '.') {
                count++;
            }
        }
        long[] all = new long[count];
        int k = 0;
        long n = 0;
        for (int i = 0; i < end; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                all[k++] = n;
                n = 0;
            } else {
                n = n * 10 + (c - '0'); // at most 18 digits (isSyntax): no overflow
            }
        }
        all[k] = n;
        int significant = count;
        while (significant > 1 && all[significant - 1] == 0) {
            significant--;
        }
        long[] numbers = significant == count ? all : Arrays.copyOf(all, significant);
        String[] pre = dash < 0 ? NO_PRE_RELEASE : s.substring(dash + 1).split("\\.");
        return new Version(s, numbers, pre);
    }

    /** Whether {@code text} parses as a version. */
    public static boolean isValid(String text) {
        return text != null && isSyntax(text.strip());
    }

    /** Whether this version has a pre-release suffix such as {@code -rc1}. */
    public boolean isPreRelease() {
        return preRelease.length > 0;
    }

    /** The numeric components without insignificant trailing zeros ({@code 1.0.0} gives {@code [1]}). */
    public List<Long> components() {
        List<Long> list = new ArrayList<>(numbers.length);
        for (long n : numbers) {
            list.add(n);
        }
        return list;
    }

    @Override
    public int compareTo(Version other) {
        int length = Math.max(numbers.length, other.numbers.length);
        for (int i = 0; i < length; i++) {
            long a = i < numbers.length ? numbers[i] : 0;
            long b = i < other.numbers.length ? other.numbers[i] : 0;
            if (a != b) {
                return Long.compare(a, b);
            }
        }
        return comparePreRelease(preRelease, other.preRelease);
    }

    private static int comparePreRelease(String[] a, String[] b) {
        if (a.length == 0 || b.length == 0) {
            // a release sorts after any of its pre-releases
            return Boolean.compare(a.length == 0, b.length == 0);
        }
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = compareIdentifier(a[i], b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    private static int compareIdentifier(String a, String b) {
        boolean numericA = a.chars().allMatch(Character::isDigit);
        boolean numericB = b.chars().allMatch(Character::isDigit);
        if (numericA && numericB) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
        if (numericA != numericB) {
            return numericA ? -1 : 1;
        }
        return a.compareTo(b);
    }

    public boolean isAfter(Version other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(Version other) {
        return compareTo(other) < 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Version v && Arrays.equals(numbers, v.numbers) && Arrays.equals(preRelease, v.preRelease);
    }

    @Override
    public int hashCode() {
        // Objects.hash(Arrays.hashCode(numbers), Arrays.hashCode(preRelease)), without its array and boxing
        return 31 * (31 + Arrays.hashCode(numbers)) + Arrays.hashCode(preRelease);
    }

    @Override
    public String toString() {
        return text;
    }
}
