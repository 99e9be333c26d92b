/**
 * The PostgreSQL tenant module: a schema per tenant and module ({@code <tenant>_<module>}), the manifest's tasks run in
 * one transaction with {@code search_path} on it and the tenant's parameters as transaction-local settings, and the
 * registry row ({@code upsilon_tenant}, read by {@link io.upsilon.tenant.pg.TenantRegistry}) written in the same
 * transaction.
 *
 * <p><b>An implementation, not API.</b> {@link io.upsilon.tenant.pg.PgTenantModule}'s constructor is the way in; use
 * the module through {@link io.upsilon.tenant.TenantModule} (and {@link io.upsilon.tenant.TenantUpgrader}). The other
 * classes, and anything of {@code PgTenantModule} beyond {@code TenantModule}, may change in any release.
 */
package io.upsilon.tenant.pg;
