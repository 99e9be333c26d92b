/**
 * The PostgreSQL tenant module: a schema per tenant and module ({@code <tenant>_<module>}), the manifest's tasks run in
 * one transaction with {@code search_path} on it, and the registry row ({@code upsilon_tenant}) written in the same
 * transaction.
 */
package io.upsilon.tenant.pg;
