/**
 * The {@code upsilon} command line: thin picocli commands over the public API of {@code io.upsilon} and the
 * PostgreSQL backend. Only {@link io.upsilon.cli.Main} and {@link io.upsilon.cli.CliPlugin} (more subcommands, found
 * with {@code ServiceLoader}: {@code upsilon-demo} adds {@code demo} and {@code race} this way) are meant to be used
 * from outside; everything else is package-private and may change.
 *
 * <p>Every command mixes in only the option groups it uses ({@link io.upsilon.cli.OptionGroup}: connection, tables,
 * manifest, target, lock and node id), so it accepts no option it would ignore; prints text or (with
 * {@code --json}) one JSON document on stdout; and reports an error as one line on stderr with the exit code of its
 * {@link io.upsilon.ErrorCode}. The same option name means the same thing everywhere; the exit codes are listed in
 * every {@code --help} ({@link io.upsilon.report.ExitCodeTable}).
 *
 * <p>{@code serve} is the one long-running command: a node of the service ({@link io.upsilon.UpsilonNode}) with the
 * HTTP endpoint of {@code upsilon-server}, for services that do not embed the Java library.
 *
 * <p>{@code migrate run|verify|continuous} drive the side-by-side migration of {@code upsilon-migrate} from a YAML
 * spec ({@link io.upsilon.cli.MigrateBaseCommand#openSpec}); their databases come from the spec, so they have no
 * connection, manifest or lock options.
 */
package io.upsilon.cli;
