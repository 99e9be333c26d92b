package io.upsilon.tenant;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** {@link CanaryCheck#command}: a process whose exit code is the verdict. */
final class CommandCanaryCheck implements CanaryCheck {

    private static final int LAST_LINE_MAX = 200;
    private final List<String> command;
    private final Duration timeout;

    CommandCanaryCheck(List<String> command, Duration timeout) {
        if (command == null || command.isEmpty() || command.get(0).isBlank()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "the canary check needs a command to run");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "the canary check's timeout must be positive, got "
                    + timeout);
        }
        this.command = List.copyOf(command);
        this.timeout = timeout;
    }

    @Override
    public Optional<String> check(TenantResult canary) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("UPSILON_TENANT", canary.tenant().value());
        env.put("UPSILON_MODULE", canary.module());
        env.put("UPSILON_MODULE_FROM", canary.from().map(Version::toString).map(v -> canary.module() + "-" + v)
                .orElse(""));
        env.put("UPSILON_MODULE_TO", canary.module() + "-" + canary.to());
        Process process = builder.start();
        process.getOutputStream().close();
        // read on a thread of its own, so a chatty check never blocks on a full pipe while we wait for it
        String[] last = {""};
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (!line.isBlank()) {
                        synchronized (last) {
                            last[0] = line.strip();
                        }
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended or was killed; what was read is enough
            }
        }, "upsilon-canary-check-output");
        reader.setDaemon(true);
        reader.start();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            return Optional.of("the check command did not finish within " + timeout.toSeconds() + " s and was"
                    + " killed");
        }
        reader.join(1_000);
        int code = process.exitValue();
        if (code == 0) {
            return Optional.empty();
        }
        String line;
        synchronized (last) {
            line = last[0];
        }
        if (line.length() > LAST_LINE_MAX) {
            line = line.substring(0, LAST_LINE_MAX) + "…";
        }
        return Optional.of("the check command exited with " + code + (line.isEmpty() ? "" : " (" + line + ")"));
    }
}
