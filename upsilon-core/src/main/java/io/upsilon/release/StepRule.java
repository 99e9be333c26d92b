package io.upsilon.release;

/**
 * The rules a step from one release to another must keep. During a step the nodes of both releases run side by side
 * (a rolling upgrade or rollback) while the data version moves from the first release's to the second's. The rules
 * are symmetric, so a rollback step is checked with the same rules as the upgrade step it reverses.
 */
public enum StepRule {

    /** The new release serves at least one API version that the old one serves: clients keep working. */
    SHARED_API("clients keep working: the releases share an API version"),

    /** The old release's code runs against the new release's data version: old nodes survive the data change. */
    OLD_CODE_ON_NEW_DATA("old nodes survive the data change: the old release runs on the new data version"),

    /** The new release's code runs against the old release's data version: new nodes start before the data change. */
    NEW_CODE_ON_OLD_DATA("new nodes can start before the data change: the new release runs on the old data version");

    private final String meaning;

    StepRule(String meaning) {
        this.meaning = meaning;
    }

    /** What the rule protects, in one phrase. */
    public String meaning() {
        return meaning;
    }
}
