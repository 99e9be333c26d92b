package io.upsilon.cli;

import io.upsilon.UpsilonException;
import io.upsilon.Version;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses a version option (also for the commands of {@link CliPlugin}s); a bad version is a usage error (exit 2)
 * with the version parser's remedy.
 */
public final class VersionConverter implements ITypeConverter<Version> {

    @Override
    public Version convert(String value) {
        try {
            return Version.parse(value);
        } catch (UpsilonException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
