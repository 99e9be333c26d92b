package io.upsilon.cli;

import io.upsilon.migrate.Migrator.Deletes;

/** The values of {@code migrate run --deletes}, lower case as users type them. */
enum DeletesChoice {
    ignore(Deletes.IGNORE),
    report(Deletes.REPORT),
    propagate(Deletes.PROPAGATE);

    private final Deletes mode;

    DeletesChoice(Deletes mode) {
        this.mode = mode;
    }

    Deletes mode() {
        return mode;
    }
}
