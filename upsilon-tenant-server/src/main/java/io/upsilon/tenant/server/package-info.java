/**
 * Okapi's tenant protocol over HTTP for an {@link io.upsilon.server.UpsilonServer}, an add-on so that the server
 * needs neither upsilon-tenant nor pgJDBC: {@link io.upsilon.tenant.server.TenantServerRoutes} serves both sides of
 * the protocol for one tenant module, {@link io.upsilon.tenant.server.TenantGateHandler} holds a tenant's requests on
 * the application's own routes while its init runs.
 */
package io.upsilon.tenant.server;
