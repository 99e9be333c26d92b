package io.upsilon.release;

import java.util.ArrayList;
import java.util.List;

/**
 * A chain of release steps from one release to another, in the order to run them. Each step keeps every
 * {@link StepRule} except those the plan was explicitly allowed to break (see {@link ChainStep#allowed()}).
 * Empty when {@code from} and {@code to} are the same release.
 *
 * @param direction whether the chain upgrades or rolls back
 * @param source    where the releases came from (a descriptor file name)
 * @param from      the release running now
 * @param to        the target release
 * @param steps     the steps, numbered from 1
 */
public record PlannedChain(Direction direction, String source, Release from, Release to, List<ChainStep> steps) {

    /** Which way a chain goes. */
    public enum Direction {
        /** Towards later releases. */
        UPGRADE,
        /** Back towards an earlier release. */
        ROLLBACK
    }

    public PlannedChain {
        steps = List.copyOf(steps);
    }

    /** Whether there is nothing to do. */
    public boolean isEmpty() {
        return steps.isEmpty();
    }

    /** The releases the chain passes through, {@code from} first and {@code to} last. */
    public List<Release> releases() {
        List<Release> list = new ArrayList<>(steps.size() + 1);
        list.add(from);
        steps.forEach(s -> list.add(s.to()));
        return list;
    }

    /** The steps that drop every API version clients use; empty unless breaking steps were allowed. */
    public List<ChainStep> breakingSteps() {
        return steps.stream().filter(ChainStep::breaking).toList();
    }
}
