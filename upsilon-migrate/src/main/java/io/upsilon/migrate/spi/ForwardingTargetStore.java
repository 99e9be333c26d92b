package io.upsilon.migrate.spi;

import io.upsilon.migrate.Row;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link TargetStore} that hands every call to another one, for decorators that count, time or log some calls:
 * override those and leave the rest. It offers the {@code COPY} fast path exactly when the delegate does, through
 * {@link #write(String, List, CopyPage, Checkpoint)}, so a decorator that overrides that method sees those pages too
 * and the engine takes the same path as with the bare store.
 */
public abstract class ForwardingTargetStore implements TargetStore {

    private final TargetStore delegate;

    protected ForwardingTargetStore(TargetStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store every call goes to. */
    protected final TargetStore delegate() {
        return delegate;
    }

    @Override
    public List<Field> describe(String table) {
        return delegate.describe(table);
    }

    @Override
    public void write(List<Batch> batches, Checkpoint checkpoint) {
        delegate.write(batches, checkpoint);
    }

    @Override
    public Optional<CopyPageTarget> copyPages() {
        return delegate.copyPages().map(fast -> this::write);
    }

    /**
     * A {@code COPY} page into the delegate's fast path; reached only through {@link #copyPages()}, so only when the
     * delegate has one.
     */
    public void write(String table, List<String> key, CopyPage page, Checkpoint checkpoint) {
        delegate.copyPages().orElseThrow().write(table, key, page, checkpoint);
    }

    @Override
    public Optional<Checkpoint> checkpoint(String entity) {
        return delegate.checkpoint(entity);
    }

    @Override
    public void scan(String table, Consumer<Row> each) {
        delegate.scan(table, each);
    }

    @Override
    public int delete(String table, List<String> key, List<List<String>> keys) {
        return delegate.delete(table, key, keys);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
