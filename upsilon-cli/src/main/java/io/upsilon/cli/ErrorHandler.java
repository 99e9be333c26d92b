package io.upsilon.cli;

import io.upsilon.report.ErrorRow;
import io.upsilon.UpsilonException;
import io.upsilon.config.RedactingWriter;
import io.upsilon.config.Secrets;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Turns every failure into one line on stderr and an exit code: an {@link UpsilonException} exits with its
 * {@link ErrorRow#of(Throwable, String) error code's} (an unreachable database told from a failed upgrade), a
 * usage error with 2, anything unexpected with 1. An unknown command or option names the nearest known one.
 * {@code --verbose} adds the stack trace; {@code --json} also prints the error as JSON on stdout. Passwords are
 * masked in all of it.
 */
final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, ParseResult parseResult) {
        Secrets secrets = secrets(commandLine);
        ErrorRow error = ErrorRow.of(ex, secrets.redact(message(ex)));
        PrintWriter err = new PrintWriter(new RedactingWriter(commandLine.getErr(), secrets));
        err.println("upsilon: " + error.message());
        // the parsed flags themselves: set even when the command failed before it ran
        OutputOptions output = commandLine.getCommand() instanceof BaseCommand command ? command.output : null;
        if (output != null && output.verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        if (output != null && output.json) {
            PrintWriter out = commandLine.getOut();
            out.println(secrets.redact(Json.write(Json.object("error", error))));
            out.flush();
        }
        return error.exitCode();
    }

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine commandLine = ex.getCommandLine();
        Secrets secrets = secrets(commandLine);
        String message = passwordOption(args, secrets) ? "there is no password option: a password on the command"
                + " line leaks into shell history and the process list; set $" + Main.PASSWORD_ENV
                + " or put 'password=...' in a file given with --config FILE"
                : oneLine(ex.getMessage()) + suggestion(ex);
        commandLine.getErr().println("upsilon: " + secrets.redact(message) + "; see '"
                + commandLine.getCommandSpec().qualifiedName() + " --help'");
        commandLine.getErr().flush();
        return commandLine.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** For an unknown command or option: "; did you mean ...?" with picocli's nearest matches, else nothing. */
    private static String suggestion(ParameterException ex) {
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            List<String> nearest = unmatched.getSuggestions().stream().limit(3).map(s -> "'" + s + "'").toList();
            return "; did you mean " + String.join(" or ", nearest) + "?";
        }
        return "";
    }

    /** Whether the user tried to pass a password as an option; if so its value becomes a secret, never echoed. */
    private static boolean passwordOption(String[] args, Secrets secrets) {
        boolean found = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--password") || args[i].equals("-p")) {
                found = true;
                if (i + 1 < args.length) {
                    secrets.add(args[i + 1]);
                }
            } else if (args[i].startsWith("--password=")) {
                found = true;
                secrets.add(args[i].substring("--password=".length()));
            }
        }
        return found;
    }

    static String message(Throwable ex) {
        if (ex instanceof UpsilonException) {
            return oneLine(ex.getMessage());
        }
        String detail = ex.getMessage() == null ? ex.getClass().getName() : ex.getClass().getSimpleName() + ": "
                + ex.getMessage();
        return "unexpected error: " + oneLine(detail) + "; run again with --verbose for the stack trace and report it";
    }

    /** Joins a multi-line message (PostgreSQL adds "Where:" and "Position:" lines) into one line. */
    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static Secrets secrets(CommandLine commandLine) {
        return commandLine.getCommandSpec().root().userObject() instanceof Main main ? main.secrets() : new Secrets();
    }
}
