/**
 * Release chains (job 5 of the design): plan safe multi-step upgrades and rollbacks from release descriptors.
 *
 * <p>A {@link io.upsilon.release.Release} declares the API versions its nodes serve, the data version it brings
 * and the data versions its code runs against (its compatibility window, the same
 * {@link io.upsilon.CompatibilityWindow} the readiness feature uses). A {@link io.upsilon.release.ReleaseSet}
 * holds the releases of one descriptor file, checked (duplicate versions, unknown data versions, cycles) and
 * ordered by version. A step from one release to another is safe when it keeps every
 * {@link io.upsilon.release.StepRule} ({@link io.upsilon.release.StepCheck}); the
 * {@link io.upsilon.release.ReleasePlanner} finds the shortest chain of safe steps, forward between two releases
 * or backward from the release history, as a {@link io.upsilon.release.PlannedChain} that
 * {@link io.upsilon.release.ChainDiagrams} draws as Mermaid or Graphviz dot.
 *
 * <p><b>Cycles.</b> Descriptors have no explicit upgrade edges: a step may go from any release to any later one.
 * So the only loop a descriptor file can express is in the data versions: a release whose data version is older
 * than that of an earlier release would take the data version back during an upgrade. {@code ReleaseSet} refuses
 * it as a cycle, naming the line.
 *
 * <p>Everything here is pure (no I/O), so the command line and tests share it; reading YAML lives in the CLI,
 * because the core depends on slf4j only.
 */
package io.upsilon.release;
