package io.upsilon.tenant;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The tests run between the canary tenant and the others ("canary, then tests, then the rest"): called once the
 * canary's init succeeded; a failure stops the run and rolls the canary back.
 */
@FunctionalInterface
public interface CanaryCheck {

    /**
     * Checks the canary after its init.
     *
     * @param canary what the init did for the canary
     * @return empty when the canary is fine, else why not (one line); an exception counts as a failure too
     */
    Optional<String> check(TenantResult canary) throws Exception;

    /**
     * A check that runs a command and passes when it exits with 0. The command gets the environment of this process
     * plus {@code UPSILON_TENANT} (the canary), {@code UPSILON_MODULE} (the module name), {@code UPSILON_MODULE_FROM}
     * (the module id it was at, empty for none) and {@code UPSILON_MODULE_TO} (the module id it is at now). Its
     * output is read and its last line quoted in the failure; it is killed after {@code timeout}.
     */
    static CanaryCheck command(List<String> command, Duration timeout) {
        return new CommandCanaryCheck(command, timeout);
    }
}
