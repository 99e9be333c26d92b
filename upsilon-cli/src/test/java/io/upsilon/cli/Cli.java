package io.upsilon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import picocli.CommandLine;

/** Runs the command line in-process, exactly as {@code main} would, and captures what it printed. */
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

        /** Everything printed, for "never printed anywhere" checks. */
        String all() {
            return out + err;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }

    /**
     * {@code args} followed by those of {@code options} (alternating names and values) that the command {@code args}
     * names takes: a command refuses an option it would ignore, so shared test helpers add each only where it applies.
     */
    static String[] withOptions(String[] args, String... options) {
        CommandLine command = new CommandLine(new Main(Map.of()));
        for (String arg : args) {
            CommandLine sub = command.getSubcommands().get(arg);
            if (sub == null) {
                break;
            }
            command = sub;
        }
        java.util.List<String> all = new java.util.ArrayList<>(java.util.List.of(args));
        for (int i = 0; i < options.length; i += 2) {
            if (command.getCommandSpec().findOption(options[i]) != null) {
                all.add(options[i]);
                all.add(options[i + 1]);
            }
        }
        return all.toArray(String[]::new);
    }

    static Run run(String... args) {
        return run(Map.of(), args);
    }

    static Run run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = new CommandLine(new Main(env))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }
}
