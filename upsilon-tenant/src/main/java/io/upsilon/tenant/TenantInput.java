package io.upsilon.tenant;

import io.upsilon.ErrorCode;
import io.upsilon.ModuleId;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tenant ids, module names, target versions and how to run an upgrade, as a person types them (a command line, a form), checked before
 * anything opens a database. Each failure is {@link ErrorCode#BAD_INPUT} with one line that starts with the
 * {@code label} of the field (e.g. {@code --module}), quotes the input with anything unprintable escaped
 * ({@link TenantId#printable}), so a hostile value can neither forge nor split that line, and says what to write
 * instead.
 */
public final class TenantInput {

    /** The module names {@code PgTenantModule} accepts: 1 to 31 characters a-z, 0-9 and -, starting with a letter. */
    public static final Pattern MODULE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    /** What a module id may look like at all before it is parsed: printable ASCII, no blanks, not absurdly long. */
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]{1,100}");

    private TenantInput() {
    }

    /** {@code text} as a tenant id ({@link TenantId#parse}), the error naming {@code label}. */
    public static TenantId tenant(String label, String text) {
        try {
            return TenantId.parse(text);
        } catch (UpsilonException e) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, label + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code text} as a module name without a version, e.g. {@code mod-transfers}; a module id with a version
     * ({@code mod-transfers-2.0.1}) is refused with the hint to give the version as {@code --to}.
     */
    public static String moduleName(String label, String text) {
        if (text != null && PRINTABLE.matcher(text).matches() && !text.startsWith("-")
                && !Character.isDigit(text.charAt(0))) {
            ModuleId id = ModuleId.parse(text);
            if (id.version().isPresent()) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, label + " takes the module name without a version,"
                        + " got " + text + "; write " + label + " " + id.name() + " and give the version with --to");
            }
        }
        if (text == null || !MODULE_NAME.matcher(text).matches()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, label + " " + TenantId.printable(text) + " is not a module"
                    + " name: use 1 to 31 characters a-z, 0-9 and -, starting with a letter, e.g. mod-transfers");
        }
        return text;
    }

    /**
     * The version of module {@code name} that {@code text} names, as a module id: either a version ({@code 2.0.1})
     * or that module's id ({@code mod-transfers-2.0.1}); another module's id, or one without a version, is refused.
     */
    public static ModuleId target(String label, String name, String text) {
        if (text == null || !PRINTABLE.matcher(text).matches()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, label + " " + TenantId.printable(text) + " is neither a"
                    + " version nor a module id; write e.g. " + label + " 2.0.1 or " + label + " " + name + "-2.0.1");
        }
        try {
            if (Character.isDigit(text.charAt(0))) {
                return ModuleId.of(name, Version.parse(text));
            }
            ModuleId id = ModuleId.parse(text);
            if (id.name().equals(name) && id.version().isPresent()) {
                return id;
            }
        } catch (UpsilonException e) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, label + ": " + e.getMessage(), e);
        }
        throw new UpsilonException(ErrorCode.BAD_INPUT, label + " " + text + " is not a version of " + name
                + "; write e.g. " + label + " 2.0.1 or " + label + " " + name + "-2.0.1");
    }

    /** {@code value} as how many tenants to upgrade at once ({@link TenantUpgradeOptions#parallel()}): at least 1. */
    public static int parallel(String label, int value) {
        if (value < 1) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, label + " must be at least 1, got " + value);
        }
        return value;
    }

    /** {@code seconds} as a timeout: at least one second. */
    public static Duration timeout(String label, long seconds) {
        if (seconds < 1) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, label + " must be at least 1 second, got " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    /**
     * {@code script} as a canary check run by {@code sh -c} ({@link CanaryCheck#command}) and killed after
     * {@code timeout}. Refused when there is no {@code canary} to check (the error names {@code canaryLabel}) or the
     * script is blank.
     */
    public static CanaryCheck shellCheck(String label, String script, String canaryLabel, Optional<TenantId> canary,
                                         Duration timeout) {
        if (canary.isEmpty()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, label + " needs " + canaryLabel + " TENANT: the check runs"
                    + " on the canary after its upgrade");
        }
        if (script == null || script.isBlank()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, label + " is empty; give the command to run, e.g. "
                    + label + " './smoke-test.sh'");
        }
        return CanaryCheck.command(List.of("sh", "-c", script), timeout);
    }
}
