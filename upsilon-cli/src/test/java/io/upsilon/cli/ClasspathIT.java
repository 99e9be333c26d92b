package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.UpgradeTask;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Java tasks come from {@code --classpath}: the test compiles a task that exists nowhere else, so only the
 * CLI's class loader over that directory can find it.
 */
class ClasspathIT {

    @TempDir
    Path tmp;

    @Test
    void javaTaskIsLoadedFromTheGivenClasspath() throws Exception {
        Path classes = compileTask();
        Path manifest = Manifests.in(tmp.resolve("manifest"))
                .file("upsilon.tasks", "1.0\n  - ext.CreateWidgets\n").write();
        TestDatabase db = PostgresFixture.newDatabase();

        Cli.Run without = Cli.run("upgrade", "--url", db.jdbcUrl(), "--manifest", manifest.toString());
        assertThat(without.exitCode()).as(without.toString()).isEqualTo(2);
        assertThat(without.err()).contains("unknown task class 'ext.CreateWidgets'", "--classpath");

        Cli.Run with = Cli.run("upgrade", "--json", "--url", db.jdbcUrl(), "--manifest", manifest.toString(),
                "--classpath", tmp.resolve("elsewhere.jar") + File.pathSeparator + classes);
        assertThat(with.exitCode()).as(with.toString()).isEqualTo(2); // a missing entry is refused, not skipped

        Cli.Run ok = Cli.run("upgrade", "--json", "--url", db.jdbcUrl(), "--manifest", manifest.toString(),
                "--classpath", classes.toString());
        assertThat(ok.exitCode()).as(ok.toString()).isZero();
        assertThat(ok.json().at("/tasks/0/task").asText()).isEqualTo("ext.CreateWidgets");
        assertThat(db.queryOne("SELECT to_regclass('widgets')::text")).isEqualTo("widgets");
    }

    @Test
    void defaultManifestIsFoundOnTheGivenClasspath() throws Exception {
        Path classes = compileTask();
        Files.writeString(classes.resolve("upsilon.tasks"), "2.0\n  - ext.CreateWidgets\n");
        TestDatabase db = PostgresFixture.newDatabase();

        Cli.Run run = Cli.run("plan", "--json", "--url", db.jdbcUrl(), "--classpath", classes.toString());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("target").asText()).isEqualTo("2.0");
    }

    private Path compileTask() throws Exception {
        Path source = tmp.resolve("src/ext/CreateWidgets.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, """
                package ext;

                public class CreateWidgets extends io.upsilon.BaseUpgradeTask {
                    @Override
                    public void execute(io.upsilon.TaskContext context) throws Exception {
                        try (var statement = context.connection().createStatement()) {
                            statement.execute("CREATE TABLE widgets (id int)");
                        }
                    }
                }
                """);
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        String api = Path.of(UpgradeTask.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "-classpath", api, "-d", classes.toString(), source.toString());
        assertThat(status).as("javac").isZero();
        return classes;
    }
}
