package io.upsilon.migrate.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Requests to one base URL: per-request timeout, retries, and errors as one-line {@link UpsilonException}s.
 *
 * <p>Every request of the protocol is idempotent (reads, {@code _lookup}, the idempotent {@code _batches} and
 * {@code _delete}), so each is tried up to {@value #ATTEMPTS} times, with a growing pause, when it fails with an
 * {@link IOException} (refused or reset connection, timeout) or is answered 502, 503 or 504. Header values (often
 * credentials) and the user-info part of the base URL never appear in a message; user info in the base URL
 * ({@code https://user:password@host/…}) is sent as basic authentication unless an {@code Authorization} header is
 * given.
 */
final class HttpTransport {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    static final int ATTEMPTS = 3;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(200);
    private static final Set<Integer> RETRIED_STATUSES = Set.of(502, 503, 504);
    private static final int BODY_SHOWN = 200;

    /** A response of any status. */
    record Response(int status, byte[] body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final String role;
    private final String base;
    private final String shown;
    private final HttpClient client;
    private final Map<String, String> headers;

    /**
     * @param role "source" or "target", for messages
     */
    HttpTransport(String role, URI base, HttpClient client, Map<String, String> headers) {
        this.role = role;
        if (base == null || !base.isAbsolute() || base.getHost() == null
                || !("http".equalsIgnoreCase(base.getScheme()) || "https".equalsIgnoreCase(base.getScheme()))) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "http " + role + " URL '" + safe(base)
                    + "' is not an http(s) URL; give one like https://service.example/api");
        }
        if (base.getRawQuery() != null || base.getRawFragment() != null) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "http " + role + " URL '" + safe(base) + "' has a query"
                    + " or fragment; give the base URL only (pass credentials as headers)");
        }
        String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        this.base = base.getScheme() + "://" + base.getHost() + (base.getPort() < 0 ? "" : ":" + base.getPort())
                + path;
        this.shown = safe(URI.create(this.base));
        this.client = client;
        Map<String, String> all = new LinkedHashMap<>(headers == null ? Map.of() : headers);
        if (base.getUserInfo() != null && all.keySet().stream().noneMatch("Authorization"::equalsIgnoreCase)) {
            all.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    base.getUserInfo().getBytes(StandardCharsets.UTF_8)));
        }
        this.headers = Map.copyOf(all);
        HttpRequest.Builder check = HttpRequest.newBuilder(URI.create(this.base));
        for (String name : this.headers.keySet()) {
            try {
                check.header(name, this.headers.get(name));
            } catch (IllegalArgumentException e) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "http " + role + " header '" + name
                        + "' cannot be set (restricted or malformed); remove it from the headers");
            }
        }
    }

    /** A client with the default connect timeout of 10 s. */
    static HttpClient defaultClient() {
        return HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    }

    /** "http source https://…", for messages. */
    String label() {
        return "http " + role + " " + shown;
    }

    /** The base URL without user info, query or fragment, as shown in messages. */
    String shown() {
        return shown;
    }

    /**
     * {@code base/seg1/seg2?name=value&…} with every segment and parameter encoded; a null value is left out, an
     * iterable one repeats the parameter.
     */
    URI uri(List<String> segments, Map<String, ?> params) {
        StringBuilder url = new StringBuilder(base);
        for (String segment : segments) {
            url.append('/').append(encode(segment));
        }
        char separator = '?';
        for (Map.Entry<String, ?> param : params.entrySet()) {
            Object value = param.getValue();
            Iterable<?> values = value instanceof Iterable<?> many ? many : value == null ? List.of() : List.of(value);
            for (Object each : values) {
                url.append(separator).append(encode(param.getKey())).append('=').append(encode(String.valueOf(each)));
                separator = '&';
            }
        }
        return URI.create(url.toString());
    }

    /** Ordered query parameters. */
    static Map<String, Object> params(Object... nameValues) {
        Map<String, Object> params = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            params.put((String) nameValues[i], nameValues[i + 1]);
        }
        return params;
    }

    Response get(URI uri, String subject) {
        return send("GET", uri, null, subject);
    }

    Response post(URI uri, byte[] json, String subject) {
        return send("POST", uri, json, subject);
    }

    /**
     * Sends a request, retrying as described above, and returns the response whatever its status.
     *
     * @param subject what the request is about, for messages: "entity customers", "table orders"
     * @throws UpsilonException {@code STORE_FAILURE} if the service cannot be reached
     */
    Response send(String method, URI uri, byte[] json, String subject) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        headers.forEach(request::header);
        if (json != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest built = request.build();
        Duration pause = FIRST_PAUSE;
        for (int attempt = 1; ; attempt++) {
            try {
                HttpResponse<byte[]> response = client.send(built, HttpResponse.BodyHandlers.ofByteArray());
                if (attempt < ATTEMPTS && RETRIED_STATUSES.contains(response.statusCode())) {
                    sleep(pause, subject);
                    pause = pause.multipliedBy(2);
                    continue;
                }
                return new Response(response.statusCode(), response.body());
            } catch (IOException e) {
                if (attempt >= ATTEMPTS) {
                    throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot reach http " + role + " " + shown
                            + " for " + subject + ": " + describe(e) + " (" + method + " " + uri.getRawPath()
                            + ", " + ATTEMPTS + " attempts); check the URL and that the service is up", e);
                }
                sleep(pause, subject);
                pause = pause.multipliedBy(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw interrupted(subject);
            }
        }
    }

    /** {@code STORE_FAILURE} for an answer the caller does not accept: status and the start of the body. */
    UpsilonException failure(String method, URI uri, Response response, String subject) {
        String body = Json.oneLine(new String(response.body(), StandardCharsets.UTF_8));
        if (body.length() > BODY_SHOWN) {
            body = body.substring(0, BODY_SHOWN) + "…";
        }
        return new UpsilonException(ErrorCode.STORE_FAILURE, "http " + role + " " + shown + " answered "
                + response.status() + " to " + method + " " + uri.getRawPath() + " for " + subject + ": "
                + (body.isEmpty() ? "(empty body)" : body) + "; check the service's log and that it implements the"
                + " upsilon HTTP protocol");
    }

    /** {@code STORE_FAILURE} for a 2xx answer whose body is not the protocol's JSON. */
    UpsilonException invalid(String method, URI uri, IOException e, String subject) {
        return new UpsilonException(ErrorCode.STORE_FAILURE, "http " + role + " " + shown + " answered " + method
                + " " + uri.getRawPath() + " for " + subject + " with JSON that does not follow the protocol: "
                + Json.oneLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()) + "; check that the service implements the upsilon HTTP"
                + " protocol", e);
    }

    /** The exception's class and the first message found along its causes (the JDK often leaves the top one empty). */
    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                return e.getClass().getSimpleName() + ": " + Json.oneLine(t.getMessage());
            }
        }
        // the JDK client reports a refused connection as a ConnectException with no message at all
        return e.getClass().getSimpleName() + (e instanceof java.net.ConnectException ? ": connection refused" : "");
    }

    private void sleep(Duration pause, String subject) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw interrupted(subject);
        }
    }

    private UpsilonException interrupted(String subject) {
        return new UpsilonException(ErrorCode.STORE_FAILURE, "interrupted while calling http " + role + " " + shown
                + " for " + subject + "; run again");
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String safe(URI uri) {
        if (uri == null) {
            return "null";
        }
        try {
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException | RuntimeException e) {
            return uri.getScheme() + "://" + uri.getHost();
        }
    }
}
