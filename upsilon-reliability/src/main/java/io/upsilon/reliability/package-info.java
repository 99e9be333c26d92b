/**
 * The reliability suite's bookkeeping: {@link io.upsilon.reliability.Scale} (how many rounds) and
 * {@link io.upsilon.reliability.Tally} (runs, violations and figures of one scenario). The scenarios themselves are
 * the integration tests of this module ({@code src/test/java}); each runs the real engine against the embedded
 * PostgreSQL, mostly with nodes as separate OS processes, and asserts zero violations.
 */
package io.upsilon.reliability;
