package io.upsilon.testsupport;

import java.util.List;

/** Tenant ids an attacker or a typo might send; every one must be refused before any SQL. */
public final class HostileTenantIds {

    public static final List<String> IDS = List.of(
            "", " ", "a b", "A", "Acme", "ACME", "acmE", "1acme", "_acme", "-acme", "acme-corp", "acme.corp",
            "acme;drop schema public cascade", "acme'; DROP TABLE x; --", "acme\"", "\"acme\"", "acme'", "'", "\"",
            ";", "--", "/*", "acme/*x*/", "acme\n", "acme\r\n", "acme\t", "acme\u0000", "pg_catalog",
            "pg_toast", "information_schema", "public\"; select 1; --", "a" + "b".repeat(31),
            "x".repeat(100), "x".repeat(10_000), "\u0430cme", "ac\u043ce", "\uff41cme", "acm\u00e9", "acme\u200b",
            "\u202eemca", "tenant$1", "tenant%", "tenant*", "tenant?", "tenant\\", "tenant/", "../etc",
            "tenant,other", "tenant(1)", "tenant[0]", "tenant{}", "tenant=1", "tenant@host", "tenant#1",
            "\ud83d\ude00", "null", "NULL", "t\u0131", "ta\u0301");

    private HostileTenantIds() {
    }
}
