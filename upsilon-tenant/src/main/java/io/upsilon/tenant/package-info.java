/**
 * Tenant upgrades, Okapi style: {@link io.upsilon.tenant.TenantModule} installs, upgrades, downgrades, disables and
 * purges one module's storage per tenant with one {@link io.upsilon.tenant.TenantOutcome} per call, all or nothing,
 * acting on the data it has stored; tasks see the tenant and its parameters through
 * {@link io.upsilon.tenant.TenantTaskContext}. {@link io.upsilon.tenant.TenantUpgrader} runs it over many tenants:
 * canary first, then its {@link io.upsilon.tenant.CanaryCheck}, then the rest in parallel.
 * {@link io.upsilon.tenant.TenantGate} holds a tenant's requests while its init runs. Tenant ids are checked by
 * {@link io.upsilon.tenant.TenantId} before anything touches the database.
 */
package io.upsilon.tenant;
