package io.upsilon.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * The checksum Flyway records for a SQL script: a CRC32 over the UTF-8 bytes of each line without its line break
 * (so line endings do not count), a leading byte-order mark dropped, stored as a signed 32-bit integer.
 */
final class FlywayChecksum {

    private FlywayChecksum() {
    }

    static int of(String script) {
        CRC32 crc = new CRC32();
        try (BufferedReader reader = new BufferedReader(new StringReader(script))) {
            String line = reader.readLine();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            for (; line != null; line = reader.readLine()) {
                crc.update(line.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("a string reader does not fail", e);
        }
        return (int) crc.getValue();
    }
}
