package io.upsilon.spi;

/** A held cluster lock. Closing it releases the lock; closing twice does nothing. */
public interface LockGrant extends AutoCloseable {

    /** The fencing token of this grant; larger than every earlier grant's token for the same lock. */
    long fencingToken();

    /** The id of the node that holds this grant. */
    String holder();

    /**
     * Whether the grant is still believed held. {@code false} once the holder knows it lost the lock (lease not
     * renewed, lock connection gone). {@code true} is a hint, not a promise: the store's fencing check decides.
     */
    boolean isHeld();

    @Override
    void close();
}
