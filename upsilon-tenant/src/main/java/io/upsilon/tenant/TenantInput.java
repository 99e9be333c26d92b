package io.upsilon.tenant;

import io.upsilon.ErrorCode;
import io.upsilon.ModuleId;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import java.util.regex.Pattern;

/**
 * Tenant ids, module names and target versions as a person types them (a command line, a form), checked before
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
}
