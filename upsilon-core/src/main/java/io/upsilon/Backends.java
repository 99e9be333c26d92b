package io.upsilon;

import io.upsilon.spi.BackendProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Finds the backend for a database by its JDBC URL, among the {@link BackendProvider}s on the class path
 * ({@link ServiceLoader}, listed in {@code META-INF/services/io.upsilon.spi.BackendProvider}).
 *
 * <pre>{@code
 * Backend backend = Backends.forUrl("jdbc:postgresql://db:5432/app").open(dataSource, BackendOptions.defaults());
 * }</pre>
 */
public final class Backends {

    /** Upsilon's own backend modules, named in the error for a URL no provider on the class path accepts. */
    private static final String KNOWN = "upsilon-postgres for jdbc:postgresql:";

    private Backends() {
    }

    /**
     * The provider that accepts {@code jdbcUrl}; the first one found when several do.
     *
     * @throws UpsilonException {@link ErrorCode#UNKNOWN_BACKEND} naming the URL's scheme (never the rest of the URL,
     *                          which may hold credentials) and the backends that are on the class path
     */
    public static BackendProvider forUrl(String jdbcUrl) {
        List<BackendProvider> found = providers();
        for (BackendProvider provider : found) {
            if (provider.accepts(jdbcUrl)) {
                return provider;
            }
        }
        String scheme = scheme(jdbcUrl);
        if (!scheme.regionMatches(true, 0, "jdbc:", 0, 5)) {
            throw new UpsilonException(ErrorCode.UNKNOWN_BACKEND, "the database address (scheme '"
                    + Texts.quote(scheme) + "') is not a JDBC URL; write it as jdbc:SUBPROTOCOL:…, e.g."
                    + " jdbc:postgresql://HOST:5432/DATABASE?user=NAME");
        }
        List<String> names = new ArrayList<>();
        found.forEach(p -> names.add(p.name() + " (" + p.scheme() + ")"));
        throw new UpsilonException(ErrorCode.UNKNOWN_BACKEND, "no backend for JDBC URLs of scheme '"
                + Texts.quote(scheme) + "': the class path has " + (names.isEmpty() ? "none"
                : String.join(", ", names)) + "; add the backend's module to the class path (" + KNOWN + ")");
    }

    /** Every provider on the class path of this library, in {@link ServiceLoader} order; looked up once. */
    public static List<BackendProvider> providers() {
        return Holder.PROVIDERS;
    }

    /** Loaded on the first lookup: a class path scan costs a cold start a few milliseconds. */
    private static final class Holder {
        static final List<BackendProvider> PROVIDERS = load();

        private static List<BackendProvider> load() {
            List<BackendProvider> providers = new ArrayList<>();
            for (BackendProvider provider : ServiceLoader.load(BackendProvider.class, Backends.class.getClassLoader())) {
                providers.add(provider);
            }
            return List.copyOf(providers);
        }
    }

    /** {@code jdbc:SUBPROTOCOL:} of a JDBC URL, or what stands before the first colon of another text. */
    static String scheme(String url) {
        if (url == null) {
            return "null";
        }
        int first = url.indexOf(':');
        if (first < 0) {
            return "(none)"; // not echoed: a text without a scheme may still hold a password
        }
        int second = url.regionMatches(true, 0, "jdbc:", 0, 5) ? url.indexOf(':', first + 1) : -1;
        return url.substring(0, (second < 0 ? first : second) + 1);
    }
}
