package io.upsilon.cli;

import io.upsilon.Manifest;
import io.upsilon.config.RedactingWriter;
import io.upsilon.config.UpsilonSettings;
import io.upsilon.report.ErrorRow;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command has: {@code --json} and {@code --verbose}, an output that masks secrets, and a way to open a
 * {@link CliSession}. Each command mixes in the {@link OptionGroup}s it uses; their values reach the command as
 * {@link #options}. Errors are not handled here; they propagate to {@link ErrorHandler}.
 */
abstract class BaseCommand implements Callable<Integer> {

    @Mixin
    OutputOptions output;

    /** This run's settings: the option groups' values, completed from the environment and the config file. */
    CommonOptions options = new CommonOptions();

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws Exception {
        PrintWriter out = new PrintWriter(new RedactingWriter(spec.commandLine().getOut(), main().secrets()));
        UpsilonSettings settings = CliSettings.applyTo(spec, main().env());
        options = CommonOptions.of(spec.mixins().values().stream().map(CommandSpec::userObject).toList());
        options.settings = settings;
        try {
            return run(out);
        } finally {
            out.flush();
        }
    }

    /** Does the command's work and returns its exit code. */
    abstract int run(PrintWriter out) throws Exception;

    Main main() {
        return (Main) spec.root().userObject();
    }

    /** A session on {@code --url} or the embedded database in {@code --data-dir}, with or without the manifest. */
    CliSession session(boolean withManifest) {
        return CliSession.open(options, main(), withManifest ? Manifest.DEFAULT_RESOURCE : null);
    }

    /**
     * Prints a failure that the command reports itself (after printing its result) as the one line on stderr that
     * {@link ErrorHandler} would print, with the secrets masked.
     */
    void printError(String message) {
        printChildLine("upsilon: " + ErrorHandler.oneLine(message));
    }

    /**
     * Ends a command that reports its own failure after printing its result: with {@code error}, the result flushed,
     * then {@code error}'s message as {@link #printError} prints it, and its exit code returned; without, 0.
     */
    int exit(PrintWriter out, Optional<ErrorRow> error) {
        if (error.isEmpty()) {
            return 0;
        }
        out.flush();
        printError(error.get().message());
        return error.get().exitCode();
    }

    /** Prints a line of a child process's output on stderr (so {@code --json} keeps stdout), secrets masked. */
    void printChildLine(String line) {
        PrintWriter err = new PrintWriter(new RedactingWriter(spec.commandLine().getErr(), main().secrets()));
        err.println(line);
        err.flush();
    }

    /** Prints a progress line in text mode (nothing with {@code --json}), flushed so a long run is visibly alive. */
    void progress(PrintWriter out, String line) {
        if (!options.json) {
            out.println(line);
            out.flush();
        }
    }

    /** Prints {@code json} as one JSON document with {@code --json}, else runs {@code text}, which prints the text. */
    void print(PrintWriter out, Object json, Runnable text) {
        if (options.json) {
            printJson(out, json);
        } else {
            text.run();
        }
    }

    static void printJson(PrintWriter out, Object value) {
        out.println(Json.write(value));
    }
}
