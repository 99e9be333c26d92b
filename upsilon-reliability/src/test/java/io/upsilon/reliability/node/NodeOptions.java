package io.upsilon.reliability.node;

import io.upsilon.postgres.PostgresBackend.LockKind;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one {@link ScenarioNode} process does, passed as {@code key=value} arguments so that a failing test's
 * command line reads as a sentence. The JDBC URL names user {@code postgres} of the embedded server, which has no
 * password: nothing secret ever reaches a process argument.
 *
 * <p>Keys: {@code url}, {@code id} (node id), {@code lock} (ADVISORY or LEASE), {@code ttl} (lease TTL, ms),
 * {@code manifest} (a name known to {@link Scenarios}), {@code version} (the node's software version), {@code go}
 * (gate to pass before starting the upgrade), {@code hold} (gate to pass right after the lock is acquired),
 * {@code taskGate} (gate a slow task waits at after announcing itself), {@code step} (ms a slow task sleeps after
 * each step) and {@code tail} (ms it sleeps after its last step, so that a kill always lands before its commit).
 */
public final class NodeOptions {

    private final Map<String, String> values = new LinkedHashMap<>();

    private NodeOptions() {
    }

    /** A node of {@code manifest} at software {@code version}, with the advisory lock and no gates or delays. */
    public static NodeOptions node(String url, String id, String manifest, String version) {
        return new NodeOptions().set("url", url).set("id", id).set("manifest", manifest).set("version", version)
                .set("lock", LockKind.ADVISORY.name()).set("ttl", "10000").set("step", "0").set("tail", "0");
    }

    static NodeOptions parse(String[] args) {
        NodeOptions options = new NodeOptions();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("not key=value: " + arg);
            }
            options.values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return options;
    }

    public NodeOptions lock(LockKind kind) {
        return set("lock", kind.name());
    }

    public NodeOptions ttlMillis(long millis) {
        return set("ttl", Long.toString(millis));
    }

    public NodeOptions go(Path gate) {
        return set("go", gate.toString());
    }

    public NodeOptions hold(Path gate) {
        return set("hold", gate.toString());
    }

    public NodeOptions taskGate(Path gate) {
        return set("taskGate", gate.toString());
    }

    public NodeOptions stepMillis(long millis) {
        return set("step", Long.toString(millis));
    }

    public NodeOptions tailMillis(long millis) {
        return set("tail", Long.toString(millis));
    }

    public String id() {
        return values.get("id");
    }

    /** The command-line arguments of this node. */
    public String[] args() {
        List<String> args = new ArrayList<>();
        values.forEach((k, v) -> args.add(k + "=" + v));
        return args.toArray(String[]::new);
    }

    String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("missing argument " + key + "=...");
        }
        return value;
    }

    Path gate(String key) {
        String value = values.get(key);
        return value == null ? null : Path.of(value);
    }

    long millis(String key) {
        return Long.parseLong(get(key));
    }

    private NodeOptions set(String key, String value) {
        values.put(key, value);
        return this;
    }
}
