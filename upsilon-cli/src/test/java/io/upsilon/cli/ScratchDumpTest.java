package io.upsilon.cli;

import org.junit.jupiter.api.Test;

class ScratchDumpTest {
    @Test
    void dump() throws Exception {
        StringBuilder b = new StringBuilder();
        for (String c : new String[] {"--help", "migrate --help", "status --help", "baseline -V", "migrate run -V",
            "stauts", "status --lock lease", "maintenance enter --timeout 3", "tenant --help", "lock release"}) {
            Cli.Run r = Cli.run(c.split(" "));
            b.append("=== ").append(c).append('\n').append(r).append('\n');
        }
        java.nio.file.Files.writeString(java.nio.file.Path.of("/tmp/clilang/dump.txt"), b);
    }
}
