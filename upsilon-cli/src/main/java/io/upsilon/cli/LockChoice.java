package io.upsilon.cli;

import io.upsilon.postgres.PostgresBackend.LockKind;

/** The values of {@code --lock}, lower case as users type them. */
enum LockChoice {
    advisory(LockKind.ADVISORY),
    lease(LockKind.LEASE);

    private final LockKind kind;

    LockChoice(LockKind kind) {
        this.kind = kind;
    }

    LockKind kind() {
        return kind;
    }
}
