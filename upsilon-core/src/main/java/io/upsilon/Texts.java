package io.upsilon;

/**
 * How Upsilon quotes user input in its messages: never whole when it is long (a 300 MB name is not echoed back) and
 * never with invisible characters that would make two different inputs look the same (a byte-order mark before
 * {@code 1.0}, a zero-width space, a NUL byte).
 */
public final class Texts {

    /** The most characters of one input that a message quotes. */
    public static final int QUOTE_LIMIT = 200;

    private Texts() {
    }

    /**
     * {@code text} made printable and at most about {@code max} characters long: invisible and control characters
     * are written as {@code \}{@code uXXXX} escapes, and a longer text is cut with a note of its full length.
     */
    public static String clip(String text, int max) {
        if (text == null) {
            return "null";
        }
        String shown = text.length() > max ? text.substring(0, max) : text;
        String visible = visible(shown);
        return text.length() > max ? visible + "… (" + text.length() + " characters in all)" : visible;
    }

    /** {@link #clip(String, int)} with {@link #QUOTE_LIMIT}. */
    public static String quote(String text) {
        return clip(text, QUOTE_LIMIT);
    }

    /** {@code text} with every invisible or control character (but the plain space) escaped as {@code \}{@code uXXXX}. */
    public static String visible(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (invisible(c)) {
                if (out == null) {
                    out = new StringBuilder(text.length() + 16).append(text, 0, i);
                }
                out.append(String.format("\\u%04X", (int) c));
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? text : out.toString();
    }

    private static boolean invisible(char c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.UNASSIGNED, Character.PRIVATE_USE -> true;
            case Character.SPACE_SEPARATOR -> c != ' ';
            default -> false;
        };
    }
}
