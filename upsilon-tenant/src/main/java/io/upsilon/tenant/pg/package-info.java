/**
 * The PostgreSQL tenant module: a schema per tenant and module ({@code <tenant>_<module>}), the manifest's tasks run in
 * one transaction with {@code search_path} on it and the tenant's parameters as transaction-local settings, and the
 * registry row ({@code upsilon_tenant}, read by {@link io.upsilon.tenant.pg.TenantRegistry}) written in the same
 * transaction.
 */
package io.upsilon.tenant.pg;
