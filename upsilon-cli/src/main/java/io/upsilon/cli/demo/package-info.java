/**
 * The Java upgrade tasks of the built-in demo manifest ({@code io/upsilon/cli/demo/upsilon.tasks}), run by
 * {@code upsilon demo}. They double as a small example of how to write a task.
 */
package io.upsilon.cli.demo;
