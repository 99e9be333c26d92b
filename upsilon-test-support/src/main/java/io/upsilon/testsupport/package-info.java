/**
 * For tests of Upsilon and of its backends: the embedded PostgreSQL fixture ({@link
 * io.upsilon.testsupport.PostgresFixture}), the contract suites every {@code ClusterLock} and {@code VersionStore}
 * must pass, the lock fuzz tester, a schema dump for before/after comparisons, and a launcher for nodes as separate
 * JVMs.
 */
package io.upsilon.testsupport;
