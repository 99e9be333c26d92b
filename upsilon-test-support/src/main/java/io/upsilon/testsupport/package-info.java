/**
 * For tests of Upsilon and of its backends: the embedded PostgreSQL fixture ({@link
 * io.upsilon.testsupport.PostgresFixture}), the contract suites every {@code ClusterLock}, {@code VersionStore},
 * {@code NodeRegistry}, {@code ChangeFeed} and {@code MaintenanceStore} must pass (those of the migration stores and
 * tenant modules are in the tests jars of {@code upsilon-migrate} and {@code upsilon-tenant}, which this module does
 * not depend on), the one seed of random test choices ({@link io.upsilon.testsupport.Seeds}), the lock fuzz tester,
 * a schema dump for before/after comparisons, and a launcher for nodes as separate JVMs.
 */
package io.upsilon.testsupport;
