package io.upsilon.migrate;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Points the clients at the new cluster during a cut-over ({@link CutoverHook#switchTraffic()}): reconfigures a load
 * balancer, changes DNS, flips a router. Returns once the clients are switched.
 */
@FunctionalInterface
public interface TrafficSwitch {

    /** The environment variable that gives a switch command the old cluster's address (no password in it). */
    String OLD_URL_ENV = "UPSILON_OLD_URL";
    /** The environment variable that gives a switch command the new cluster's address (no password in it). */
    String NEW_URL_ENV = "UPSILON_NEW_URL";

    /**
     * Switches the traffic.
     *
     * @throws RuntimeException when the clients were not switched: the cut-over then leaves traffic on the old
     *                          cluster and reports the message
     */
    void run();

    /**
     * A shell command ({@code sh -c}) that switches the traffic, run with {@link #OLD_URL_ENV} and
     * {@link #NEW_URL_ENV} in its environment: exit status 0 means switched, anything else (or running longer than
     * {@code timeout}, when it is killed) means not. Each line it prints (stdout and stderr) goes to {@code output}.
     *
     * @param oldUrl the old cluster's address, without a password
     * @param newUrl the new cluster's address, without a password
     */
    static TrafficSwitch command(String command, String oldUrl, String newUrl, Duration timeout,
                                 Consumer<String> output) {
        if (command == null || command.isBlank()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "the switch command is empty; give the command that"
                    + " points the clients at the new cluster, e.g. './switch-lb.sh'");
        }
        return () -> {
            ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command).redirectErrorStream(true);
            Map<String, String> env = builder.environment();
            env.put(OLD_URL_ENV, oldUrl == null ? "" : oldUrl);
            env.put(NEW_URL_ENV, newUrl == null ? "" : newUrl);
            ArrayDeque<String> last = new ArrayDeque<>();
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "the switch command could not start: "
                        + e.getMessage() + "; check the switch command", e);
            }
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        output.accept(line);
                        synchronized (last) {
                            last.addLast(line);
                            if (last.size() > 3) {
                                last.removeFirst();
                            }
                        }
                    }
                } catch (IOException e) {
                    // the process went away; its exit status says what happened
                }
            }, "upsilon-switch-output");
            reader.setDaemon(true);
            reader.start();
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly();
                    throw new UpsilonException(ErrorCode.STORE_FAILURE, "the switch command did not finish within "
                            + timeout.toSeconds() + " s and was killed" + tail(last));
                }
                reader.join(1000);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new UpsilonException(ErrorCode.STORE_FAILURE, "interrupted while the switch command ran", e);
            }
            if (process.exitValue() != 0) {
                throw new UpsilonException(ErrorCode.STORE_FAILURE, "the switch command exited with "
                        + process.exitValue() + tail(last));
            }
        };
    }

    private static String tail(ArrayDeque<String> last) {
        synchronized (last) {
            return last.isEmpty() ? "" : " (its last output: " + String.join(" / ", List.copyOf(last)) + ")";
        }
    }
}
