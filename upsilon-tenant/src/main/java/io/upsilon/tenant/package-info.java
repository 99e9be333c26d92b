/**
 * Tenant upgrades, Okapi style: {@link io.upsilon.tenant.TenantModule} installs, upgrades, downgrades and purges one
 * module's storage per tenant with one {@link io.upsilon.tenant.TenantOutcome} per call, all or nothing;
 * {@link io.upsilon.tenant.TenantUpgrader} runs it over every tenant, canary first. Tenant ids are checked by
 * {@link io.upsilon.tenant.TenantId} before anything touches the database.
 */
package io.upsilon.tenant;
