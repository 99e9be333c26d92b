package io.upsilon.reliability.secrets;

import io.upsilon.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.function.IntPredicate;
import picocli.CommandLine;

/**
 * Runs {@code upsilon} commands in this JVM through {@link Main}'s picocli entry, exactly as {@code main} would
 * minus the {@code System.exit}, and echoes what each printed to this process's stdout, where the test reads it.
 * An unexpected exit code is printed as a {@code VIOLATION} line: it means the command did not go down the path the
 * scenario meant to cover.
 */
final class CliRuns {

    /** The output of one command. */
    record Run(List<String> args, int exitCode, String output) {
    }

    private int commands;

    /** Runs {@code args}; its exit code must satisfy {@code expected}, described by {@code expectation}. */
    Run run(IntPredicate expected, String expectation, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        System.out.println("### upsilon " + String.join(" ", args));
        int exitCode = new CommandLine(new Main()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
        commands++;
        System.out.print(out);
        System.out.print(err);
        System.out.println("### exit " + exitCode);
        if (!expected.test(exitCode)) {
            System.out.println("VIOLATION upsilon " + args[0] + (args.length > 1 ? " " + args[1] : "") + ": exit "
                    + exitCode + ", expected " + expectation);
        }
        System.out.flush();
        return new Run(List.of(args), exitCode, out + "" + err);
    }

    Run ok(String... args) {
        return run(code -> code == 0, "0", args);
    }

    Run fails(String... args) {
        return run(code -> code != 0, "a failure", args);
    }

    /** A run refused for its wrong password: it must fail and say why, in PostgreSQL's words. */
    Run refused(String... args) {
        Run run = fails(args);
        if (!run.output().contains("password authentication failed")) {
            System.out.println("VIOLATION upsilon " + args[0] + " with a wrong password: the error does not say that"
                    + " the password was refused");
        }
        return run;
    }

    int commands() {
        return commands;
    }
}
