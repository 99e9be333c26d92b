/**
 * The demo: {@code upsilon demo} ({@link io.upsilon.demo.DemoCommand}, {@link io.upsilon.demo.Demo}) rolls the
 * transfers service of {@code examples/transfers} through its releases under load behind a readiness-aware router,
 * then moves it side by side to a new cluster, and reports what the clients saw; {@code upsilon race}
 * ({@link io.upsilon.demo.race}) shows racing nodes run each task once. Not part of the product's API: a showcase
 * and the harness of the rolling benchmark, which reads {@link io.upsilon.demo.DemoSummary}.
 */
package io.upsilon.demo;
