package io.upsilon.config;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets of one program run (the database password, a control token), and the masking of them in text. Everything
 * the CLI prints, including error messages and stack traces, passes through {@link #redact} (a service does the same
 * with {@link RedactingWriter}, {@code UpsilonConfig.Builder.redact} and {@code UpsilonServer.Builder.redact}), so a
 * password quoted by a driver, a library or PostgreSQL never reaches the terminal, a history row or a log collector.
 * {@link Database} and {@link ControlToken} add what they read here before anything can print it. Thread-safe.
 *
 * <p>The rule, so that masking never tells what it hides:
 * <ul>
 *   <li>Every form PostgreSQL, pgJDBC, URLs and JSON write a password in is looked for: as given, with {@code '}
 *       doubled (a literal), with {@code \} doubled too ({@code format('%L')}'s {@code E''} form), with {@code \'}
 *       (an {@code E''} escape), with {@code "} doubled (an identifier), percent-encoded, and each of these
 *       JSON-escaped (the {@code --json} output is masked after encoding).</li>
 *   <li>Where a text holds a secret as a secret, it is masked whatever the secret's length: a whole quoted literal
 *       or identifier ({@code 'pw'}, {@code "pw"}), a URL's user information ({@code :pw@}), and the value of any
 *       {@code password=} parameter (even one that is not ours).</li>
 *   <li>Elsewhere a secret of {@value #ANYWHERE} or more characters is masked wherever it occurs (it cannot be part
 *       of an ordinary word by chance); a shorter one only as a whole word, never inside a longer word (the
 *       password {@code postgres} inside {@code postgresql} would show as {@code ********ql} and tell it), and one
 *       shorter than {@value #WHOLE_WORD} characters not at all outside the places above (masking every {@code 1}
 *       would tell the password, and hide every line number).</li>
 * </ul>
 */
public final class Secrets {

    /** What a masked secret is replaced with. */
    public static final String MASK = "********";
    /** A secret this long is masked wherever it occurs. */
    public static final int ANYWHERE = 16;
    /** A secret this long (and shorter than {@link #ANYWHERE}) is masked where it stands as a whole word. */
    public static final int WHOLE_WORD = 4;

    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(password=)[^&\\s;'\"\\\\]+");

    /** One way a secret may be written, with the length of the secret it stands for. */
    private record Form(String text, int strength) {
    }

    private final Set<String> values = new LinkedHashSet<>();
    private volatile List<Form> forms = List.of();

    /** Masks {@code secret} from now on, in every form listed above; null and empty are ignored. */
    public synchronized void add(String secret) {
        if (secret == null || secret.isEmpty() || !values.add(secret)) {
            return;
        }
        List<Form> all = new ArrayList<>(forms);
        for (String form : forms(secret)) {
            all.add(new Form(form, secret.length()));
            all.add(new Form(new String(JsonStringEncoder.getInstance().quoteAsString(form)), secret.length()));
        }
        // longest first: a password can be the start of its own escaped form (x\ and x\\)
        all.sort(Comparator.comparingInt((Form f) -> f.text().length()).reversed());
        forms = List.copyOf(all);
    }

    private static Set<String> forms(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        forms.add(secret);
        forms.add(secret.replace("'", "''"));
        forms.add(secret.replace("\\", "\\\\").replace("'", "''"));
        forms.add(secret.replace("\\", "\\\\").replace("'", "\\'"));
        forms.add(secret.replace("\"", "\"\""));
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8).replace("+", "%20"));
        return forms;
    }

    /** {@code text} with every secret masked as {@link #MASK} by the rule above; null stays null. */
    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = PASSWORD_PARAMETER.matcher(text).replaceAll("$1" + Matcher.quoteReplacement(MASK));
        for (Form form : forms) {
            result = mask(result, form);
        }
        return result;
    }

    private static String mask(String text, Form form) {
        String secret = form.text();
        StringBuilder out = null;
        int from = 0;
        for (int i = text.indexOf(secret); i >= 0; i = text.indexOf(secret, i + Math.max(1, secret.length()))) {
            if (shouldMask(text, i, i + secret.length(), form.strength())) {
                out = out == null ? new StringBuilder(text.length()) : out;
                out.append(text, from, i).append(MASK);
                from = i + secret.length();
            }
        }
        return out == null ? text : out.append(text, from, text.length()).toString();
    }

    private static boolean shouldMask(String text, int start, int end, int strength) {
        if (strength >= ANYWHERE) {
            return true;
        }
        char before = start > 0 ? text.charAt(start - 1) : ' ';
        char after = end < text.length() ? text.charAt(end) : ' ';
        char afterNext = end + 1 < text.length() ? text.charAt(end + 1) : ' ';
        boolean quoted = (before == '\'' || before == '"')
                && (after == before || after == '\\' && afterNext == before);
        boolean userInfo = before == ':' && after == '@';
        if (quoted || userInfo) {
            return true;
        }
        return strength >= WHOLE_WORD && !wordChar(before) && !wordChar(after);
    }

    private static boolean wordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
