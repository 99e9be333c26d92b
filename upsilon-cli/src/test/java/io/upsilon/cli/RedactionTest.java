package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.config.Secrets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The password is masked wherever the CLI could print it: error lines, --verbose stack traces and --json (the writer
 * itself is tested in upsilon-config).
 */
class RedactionTest {

    private static final String SECRET = "s3cr3t-pa55";

    @Test
    void errorLineAndStackTraceAreMasked() {
        Main main = new Main(Map.of());
        main.secrets().add(SECRET);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine root = new CommandLine(main).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        root.parseArgs("history", "--verbose", "--json");
        CommandLine history = root.getSubcommands().get("history");
        Exception failure = new UpsilonException(ErrorCode.STORE_FAILURE, "cannot connect with " + SECRET
                + "\n  Where: somewhere", new IllegalStateException("cause mentions " + SECRET));

        int exitCode = new ErrorHandler().handleExecutionException(failure, history, history.getParseResult());

        assertThat(exitCode).isEqualTo(ErrorCode.STORE_FAILURE.exitCode());
        assertThat(err.toString()).startsWith("upsilon: cannot connect with " + Secrets.MASK + " Where: somewhere\n")
                .contains("\tat ", "cause mentions " + Secrets.MASK);
        assertThat(out.toString()).contains("STORE_FAILURE");
        assertThat(out.toString() + err).doesNotContain(SECRET);
    }

    @Test
    void jsonOutputMasksAPasswordWithQuotesAndBackslashes() {
        Secrets secrets = new Secrets();
        String password = "pa\"ss\\wo'rd-7c1e\\";
        secrets.add(password);
        String json = Json.write(Json.object("error", "task failed: " + password + " (again: " + password + ")"));

        assertThat(secrets.redact(json)).doesNotContain("pa", "wo'rd-7c1e")
                .contains("\"task failed: " + Secrets.MASK + " (again: " + Secrets.MASK + ")\"");
        assertThat(secrets.redact("text: " + password)).isEqualTo("text: " + Secrets.MASK);
    }
}
