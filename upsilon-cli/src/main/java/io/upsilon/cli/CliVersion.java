package io.upsilon.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** Answers {@code upsilon --version} from the version Maven wrote into {@code version.properties} at build time. */
final class CliVersion implements IVersionProvider {

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = CliVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // fall through to the placeholder: a missing version must not break the CLI
        }
        String version = properties.getProperty("version", "");
        // unfiltered (e.g. run from an IDE without Maven's resource filtering)
        return version.isEmpty() || version.startsWith("${") ? "development" : version;
    }

    @Override
    public String[] getVersion() {
        return new String[] {"upsilon " + version(), "Java " + System.getProperty("java.version")};
    }
}
