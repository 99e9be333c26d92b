package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.ModuleId;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.pg.PgTenantModule;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The arguments of the {@code tenant} commands, checked before anything opens a database: tenant ids through
 * {@link TenantId#parse}, module names as {@link PgTenantModule} accepts them. Every message quotes the input with
 * anything unprintable escaped, so a hostile argument cannot forge or split the one error line.
 */
final class TenantArgs {

    /** The module names {@link PgTenantModule} accepts; checked here too so that a bad one never starts a database. */
    private static final Pattern MODULE_NAME = Pattern.compile("[a-z][a-z0-9-]{0,30}");
    /** What a module id may look like at all before it is parsed: printable ASCII, no blanks, not absurdly long. */
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]{1,100}");

    private TenantArgs() {
    }

    /** {@code text} as a tenant id, or BAD_INPUT naming the option. */
    static TenantId tenant(String option, String text) {
        try {
            return TenantId.parse(text);
        } catch (UpsilonException e) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, option + ": " + e.getMessage(), e);
        }
    }

    /** A module name without a version, e.g. {@code mod-transfers}. */
    static String moduleName(String option, String text) {
        if (text != null && PRINTABLE.matcher(text).matches() && !text.startsWith("-")
                && !Character.isDigit(text.charAt(0))) {
            ModuleId id = ModuleId.parse(text);
            if (id.version().isPresent()) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, option + " takes the module name without a version,"
                        + " got " + text + "; write " + option + " " + id.name() + " and give the version with --to");
            }
        }
        if (text == null || !MODULE_NAME.matcher(text).matches()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, option + " " + TenantId.printable(text) + " is not a module name:"
                    + " use 1 to 31 characters a-z, 0-9 and -, starting with a letter, e.g. mod-transfers");
        }
        return text;
    }

    /**
     * The target of {@code install --to} and {@code upgrade --to} for module {@code name}: a version ({@code 2.0.1}) or that module's id
     * ({@code mod-transfers-2.0.1}).
     */
    static ModuleId target(String name, String text) {
        if (text == null || !PRINTABLE.matcher(text).matches()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--to " + TenantId.printable(text) + " is neither a version nor a"
                    + " module id; write e.g. --to 2.0.1 or --to " + name + "-2.0.1");
        }
        if (Character.isDigit(text.charAt(0))) {
            try {
                return ModuleId.of(name, Version.parse(text));
            } catch (UpsilonException e) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "--to: " + e.getMessage(), e);
            }
        }
        ModuleId id = parse("--to", text);
        if (!id.name().equals(name) || id.version().isEmpty()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--to " + text + " is not a version of " + name
                    + "; write e.g. --to 2.0.1 or --to " + name + "-2.0.1");
        }
        return id;
    }

    /** A module for commands that run no task (list, purge): its manifest is never read. */
    static PgTenantModule withoutTasks(CliSession session, String name) {
        return new PgTenantModule(session.database().dataSource(), name, Manifest.of(name, List.of()));
    }

    private static ModuleId parse(String option, String text) {
        try {
            return ModuleId.parse(text);
        } catch (UpsilonException e) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, option + ": " + e.getMessage(), e);
        }
    }
}
