package io.upsilon.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PgBouncer in transaction pooling mode in front of {@link PostgresFixture}'s shared server, started on first use
 * and stopped at JVM exit, like the embedded PostgreSQL. The binary is the Debian package {@code pgbouncer}: taken
 * from the {@code PATH} when installed, else fetched once with {@code apt-get download} (no root needed) and unpacked
 * with {@code dpkg -x} into {@code ~/.cache/upsilon/pgbouncer}, with the one library a base system lacks
 * ({@code libc-ares2}). Where neither works, {@link #unavailable()} says why, and tests skip with that reason.
 */
public final class PgBouncerFixture {

    /** Server connections PgBouncer opens per database and user: what the whole fleet shares. */
    public static final int POOL_SIZE = 10;

    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "upsilon", "pgbouncer");
    private static Process process;
    private static int port;
    private static String unavailable;

    private PgBouncerFixture() {
    }

    /** Why PgBouncer cannot run here (the binary could not be found, fetched or started); empty when it runs. */
    public static synchronized Optional<String> unavailable() {
        if (process == null && unavailable == null) {
            try {
                start();
            } catch (IOException | RuntimeException e) {
                unavailable = e.getMessage();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unavailable = "interrupted while starting PgBouncer";
            }
        }
        return Optional.ofNullable(unavailable);
    }

    /** The port PgBouncer listens on (127.0.0.1); call {@link #unavailable()} first. */
    public static synchronized int port() {
        if (unavailable().isPresent()) {
            throw new IllegalStateException("PgBouncer is not available: " + unavailable);
        }
        return port;
    }

    /**
     * A data source for {@code database} through PgBouncer. Server-side prepared statements are off
     * ({@code prepareThreshold=0}): PgBouncer before 1.21 cannot follow them across the server connections it lends.
     */
    public static PGSimpleDataSource dataSource(TestDatabase database, String applicationName) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setServerNames(new String[] {"127.0.0.1"});
        ds.setPortNumbers(new int[] {port()});
        ds.setDatabaseName(database.name());
        ds.setUser("postgres");
        ds.setApplicationName(applicationName);
        ds.setPrepareThreshold(0);
        return ds;
    }

    private static void start() throws IOException, InterruptedException {
        Binary binary = binary();
        Path dir = Files.createTempDirectory("upsilon-pgbouncer-");
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            // PgBouncer refuses to run as root; it switches to 'nobody', who must read the config and write the log
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        }
        port = freePort();
        Files.writeString(dir.resolve("users.txt"), "\"postgres\" \"\"\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("pgbouncer.ini"), String.join("\n",
                "[databases]",
                "* = host=127.0.0.1 port=" + PostgresFixture.server().getPort(),
                "[pgbouncer]",
                "listen_addr = 127.0.0.1",
                "listen_port = " + port,
                "unix_socket_dir =",
                "auth_type = trust",
                "auth_file = " + dir.resolve("users.txt"),
                "pool_mode = transaction",
                "max_client_conn = 2000",
                "default_pool_size = " + POOL_SIZE,
                "logfile = " + dir.resolve("pgbouncer.log"),
                // pgJDBC sends these at start-up; PgBouncer would refuse the connection over them otherwise
                "ignore_startup_parameters = extra_float_digits,options",
                ""), StandardCharsets.UTF_8);
        List<String> command = new ArrayList<>(List.of(binary.executable.toString()));
        if (root) {
            command.addAll(List.of("-u", "nobody"));
        }
        command.add(dir.resolve("pgbouncer.ini").toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(dir.resolve("stdout.txt").toFile());
        binary.libraries.ifPresent(l -> builder.environment().put("LD_LIBRARY_PATH", l.toString()));
        Process started = builder.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!accepts(port)) {
            if (!started.isAlive() || System.nanoTime() > deadline) {
                started.destroyForcibly();
                throw new IOException("PgBouncer (" + binary.executable + ") did not start: "
                        + tail(dir.resolve("stdout.txt")) + " " + tail(dir.resolve("pgbouncer.log")));
            }
            Thread.sleep(50);
        }
        process = started;
        Runtime.getRuntime().addShutdownHook(new Thread(started::destroy, "pgbouncer-stop"));
    }

    private record Binary(Path executable, Optional<Path> libraries) {
    }

    /** Installed, cached, or fetched now into the cache. */
    private static Binary binary() throws IOException, InterruptedException {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin").split(
                File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, "pgbouncer");
            if (Files.isExecutable(candidate)) {
                return new Binary(candidate, Optional.empty());
            }
        }
        Binary cached = new Binary(CACHE.resolve("usr/sbin/pgbouncer"),
                Optional.of(CACHE.resolve("usr/lib/x86_64-linux-gnu")));
        if (Files.isExecutable(cached.executable)) {
            return cached;
        }
        // fetched into a folder of its own, then moved into place, so that two test JVMs never see half of it
        Files.createDirectories(CACHE.getParent());
        Path work = Files.createTempDirectory(CACHE.getParent(), "fetch-");
        run(work, "apt-get", "download", "pgbouncer", "libc-ares2");
        try (var debs = Files.list(work)) {
            for (Path deb : debs.filter(p -> p.toString().endsWith(".deb")).toList()) {
                run(work, "dpkg", "-x", deb.toString(), work.resolve("root").toString());
            }
        }
        try {
            Files.move(work.resolve("root"), CACHE, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (!Files.isExecutable(cached.executable)) { // unless another JVM just put it there
                throw e;
            }
        }
        return cached;
    }

    private static void run(Path dir, String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("pgbouncer is not installed and '" + command[0] + "' cannot run to fetch it ("
                    + e.getMessage() + "); install the Debian package pgbouncer", e);
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("pgbouncer is not installed and '" + String.join(" ", command) + "' failed: "
                    + output.strip().replace('\n', ' ') + "; install the Debian package pgbouncer");
        }
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static String tail(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.substring(Math.max(0, text.length() - 400)).replace('\n', ' ');
        } catch (IOException e) {
            return "";
        }
    }
}
