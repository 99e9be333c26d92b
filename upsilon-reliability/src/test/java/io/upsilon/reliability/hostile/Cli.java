package io.upsilon.reliability.hostile;

import io.upsilon.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs one {@code upsilon} command in this JVM, as {@code main} would minus {@code System.exit}. */
record Cli(int exitCode, String output) {

    static Cli run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new Main()).setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true)).execute(args);
        return new Cli(exitCode, out + "" + err);
    }

    /** The output, cut for a violation's description. */
    String shown() {
        return output.length() > 300 ? output.substring(0, 300) + "…" : output;
    }
}
