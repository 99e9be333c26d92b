package io.upsilon.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.upsilon.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Runs the {@code upsilon} command line in-process, as {@code bin/upsilon} does (the demo's commands found through
 * {@code ServiceLoader}), and captures what it printed.
 */
final class Cli {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Cli() {
    }

    /** What one run returned and printed. */
    record Run(int exitCode, String out, String err) {

        JsonNode json() {
            try {
                return MAPPER.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("stdout is not JSON:\n" + out + "\nstderr:\n" + err, e);
            }
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new Main())
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
