package io.upsilon.reliability.hostile;

import java.util.Random;

/**
 * Migration specs and release files that use YAML anchors and aliases, or put a list where a single value belongs
 * (item 2 of issue 13). Each must be refused; none may be read with the anchor's name as data.
 */
final class YamlVariants {

    private final Random random;

    YamlVariants(Random random) {
        this.random = random;
    }

    /** A spec that must be refused, and the anchor name it uses (which must never be read as a value). */
    record Spec(String text, String anchor) {
    }

    Spec spec() {
        String anchor = "a" + Integer.toHexString(random.nextInt(1 << 20));
        String head = "source: {url: \"jdbc:postgresql://h/s\"}\ntarget: {url: \"jdbc:postgresql://h/t\"}\nentities:\n"
                + "  - name: transfers\n";
        String body = switch (random.nextInt(5)) {
            case 0 -> "    source: &" + anchor + " transfers\n    target: *" + anchor + "\n    key: [id]\n"
                    + "    updatedAt: u\n";
            case 1 -> "    source: transfers\n    target: transfers\n    key: &" + anchor + " [id]\n    updatedAt: u\n"
                    + "    transforms:\n      - split: {target: f, key: *" + anchor + ", fields: {a: b}}\n";
            case 2 -> "    source: transfers\n    target: transfers\n    key: [id]\n    updatedAt: u\n    transforms:\n"
                    + "      - map: {field: s, values: &" + anchor + " {A: B}}\n      - map: {field: t, values: *"
                    + anchor + "}\n";
            case 3 -> "    source: transfers\n    target: [transfers, " + anchor + "]\n    key: [id]\n    updatedAt: u\n";
            default -> "    source: transfers\n    target: transfers\n    key: [id]\n    updatedAt: u\n    transforms:\n"
                    + "      - map: {field: s, values: {A: [" + anchor + ", x]}}\n";
        };
        return new Spec(head + body, anchor);
    }

    /** A release file with an alias. */
    String releases() {
        String anchor = "r" + Integer.toHexString(random.nextInt(1 << 20));
        return random.nextBoolean()
                ? "releases:\n  - version: &" + anchor + " 1.0.0\n    apiVersions: [v1]\n    dataVersion: *" + anchor + "\n"
                : "releases:\n  - version: 1.0.0\n    apiVersions: &" + anchor + " [v1]\n    dataVersion: 1.0\n"
                + "  - version: 1.1.0\n    apiVersions: *" + anchor + "\n    dataVersion: 1.0\n";
    }
}
