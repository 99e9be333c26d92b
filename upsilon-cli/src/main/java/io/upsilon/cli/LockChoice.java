package io.upsilon.cli;

/** The values of {@code --lock}, lower case as users type them and as the backend names its locks. */
enum LockChoice {
    advisory,
    lease
}
