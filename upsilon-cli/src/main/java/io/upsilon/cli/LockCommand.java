package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.report.LockRow;
import io.upsilon.spi.ClusterLock;
import io.upsilon.spi.LockInfo;
import java.io.PrintWriter;
import java.util.Optional;
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
            ClusterLock lock = session.lock();
            Optional<LockInfo> before = lock.inspect();
            if (action == Action.show) {
                show(out, before);
                return 0;
            }
            boolean cleared = lock.releaseIfAbandoned();
            Optional<LockInfo> after = lock.inspect();
            if (options.json) {
                printJson(out, Json.object("cleared", cleared, "before", LockRow.of(before),
                        "lock", LockRow.of(after)));
            } else {
                out.println(releaseMessage(cleared, before, after));
            }
            return 0;
        }
    }

    private void show(PrintWriter out, Optional<LockInfo> info) {
        if (options.json) {
            printJson(out, Json.object("lock", LockRow.of(info)));
            return;
        }
        if (info.isEmpty()) {
            out.println("The cluster lock has never been taken here.");
            return;
        }
        LockRow row = LockRow.of(info.get());
        new Table("", "")
                .row("Lock", row.name())
                .row("State", describe(row))
                .row("Holder", row.holder() == null ? "none" : row.holder())
                .row("Token", row.fencingToken())
                .row("Kind", row.kind())
                .row("Alive", row.alive())
                .row("Held for", Text.duration(row.ageMillis()))
                .row("Acquired at", row.acquiredAt())
                .row("Renewed at", row.renewedAt())
                .row("Expires at", row.expiresAt() == null ? "never (session lock)" : row.expiresAt())
                .print(out, "");
    }

    /** The lock in one line for text output: free, or who holds it, whether alive and for how long. */
    static String describe(LockRow row) {
        if (row.holder() == null) {
            return "free (" + row.kind() + ", last fencing token " + row.fencingToken() + ")";
        }
        return "held by " + row.holder() + " (" + row.kind() + ", token " + row.fencingToken() + ", " + (row.alive()
                ? "alive" : "NOT alive") + ", held for " + Text.duration(row.ageMillis()) + ")" + (row.alive() ? ""
                : "; its holder is gone: the next upgrade takes it over by itself (nothing to do; 'upsilon lock"
                + " release --yes' only tidies the record)");
    }

    private static String releaseMessage(boolean cleared, Optional<LockInfo> before, Optional<LockInfo> after) {
        String holder = before.flatMap(LockInfo::holder).orElse("?");
        if (cleared) {
            return "Cleared the abandoned lock of " + holder + " (token " + before.map(LockInfo::token).orElse(0L)
                    + "). The next holder gets a higher token, so " + holder + " is fenced if it comes back.";
        }
        Optional<LockInfo> now = after.filter(info -> info.holder().isPresent());
        if (now.isPresent()) {
            LockInfo info = now.get();
            return "Nothing cleared: " + info.holder().orElseThrow() + " holds the lock and is alive (token "
                    + info.token() + ", " + info.kind() + "). A live holder is never cleared; wait for it to"
                    + " finish or stop that node.";
        }
        return after.isEmpty() ? "Nothing cleared: the lock has never been taken."
                : "Nothing cleared: the lock is free.";
    }
}
