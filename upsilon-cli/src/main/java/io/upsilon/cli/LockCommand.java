package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.report.LockRelease;
import io.upsilon.report.LockRow;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code upsilon lock [release --yes]}: shows the cluster lock, or clears it when its holder is gone. The action
 * is a parameter rather than a subcommand so that the shared options may stand before or after it.
 */
@Command(name = "lock", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Shows the cluster lock: its holder, fencing token, kind, age and whether the holder is"
                + " alive (its session still open, or its lease unexpired).",
                "'lock release --yes' clears the lock record of a holder that is gone and bumps the token, so"
                        + " that holder is fenced if it comes back. A live holder is never cleared."})
final class LockCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;

    /** What to do with the lock. */
    enum Action { show, release }

    @Parameters(index = "0", arity = "0..1", paramLabel = "ACTION", defaultValue = "show",
            description = "show, or release (needs --yes).")
    Action action;

    @Option(names = "--yes", description = "Confirm 'release'. Even so, only an abandoned lock is cleared.")
    boolean yes;

    @Override
    int run(PrintWriter out) {
        if (action == Action.release && !yes) {
            // checked before connecting: refusing must not depend on the database being reachable
            throw new UpsilonException(ErrorCode.BAD_INPUT, "'lock release' needs --yes: it clears the lock record"
                    + " only when its holder is gone (session ended or lease expired), never a live holder; check"
                    + " 'upsilon lock' first, then run 'upsilon lock release --yes'");
        }
        try (CliSession session = session(false)) {
            if (action == Action.show) {
                LockRow row = LockRow.of(session.lock().inspect());
                print(out, Json.object("lock", row), () -> out.print(row == null
                        ? "The cluster lock has never been taken here." + System.lineSeparator()
                        : row.table(row.describeWithAdvice())));
                return 0;
            }
            LockRelease release = LockRelease.attempt(session.lock());
            print(out, release, () -> out.println(release.summary()));
            return 0;
        }
    }
}
