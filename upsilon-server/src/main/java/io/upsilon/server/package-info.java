/**
 * Upsilon over HTTP (Javalin): {@link io.upsilon.server.UpsilonServer} serves the probes, the status and the
 * token-protected control endpoints, and Okapi's tenant protocol (both sides) for a tenant module;
 * {@link io.upsilon.server.GateHandler} puts the maintenance gate and the write guard in front of an application's own
 * routes, {@link io.upsilon.server.TenantGateHandler} holds a tenant's requests while its init runs.
 */
package io.upsilon.server;
