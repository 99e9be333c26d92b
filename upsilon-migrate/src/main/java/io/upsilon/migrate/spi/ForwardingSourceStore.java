package io.upsilon.migrate.spi;

import io.upsilon.migrate.Row;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A {@link SourceStore} that hands every call to another one, for decorators that count, time or log some calls:
 * override those and leave the rest. It offers the {@code COPY} fast path exactly when the delegate does, through
 * {@link #copyPage}, so a decorator that overrides that method sees those pages too and the engine takes the same
 * path as with the bare store.
 */
public abstract class ForwardingSourceStore implements SourceStore {

    private final SourceStore delegate;

    protected ForwardingSourceStore(SourceStore delegate) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
    }

    /** The store every call goes to. */
    protected final SourceStore delegate() {
        return delegate;
    }

    @Override
    public List<Field> describe(SourceEntity entity) {
        return delegate.describe(entity);
    }

    @Override
    public List<Row> page(SourceEntity entity, Position after, int limit) {
        return delegate.page(entity, after, limit);
    }

    @Override
    public Map<String, Row> lookup(String table, String field, Collection<String> values) {
        return delegate.lookup(table, field, values);
    }

    @Override
    public java.util.Optional<CopyPageSource> copyPages() {
        return delegate.copyPages().map(fast -> this::copyPage);
    }

    /**
     * A {@code COPY} page from the delegate's fast path; reached only through {@link #copyPages()}, so only when the
     * delegate has one.
     */
    public CopyPage copyPage(SourceEntity entity, List<String> columns, Position after, int limit, boolean binary,
                             String freshAfter) {
        return delegate.copyPages().orElseThrow().copyPage(entity, columns, after, limit, binary, freshAfter);
    }

    @Override
    public java.util.Optional<String> openTransactionsSince(SourceEntity entity) {
        return delegate.openTransactionsSince(entity);
    }

    @Override
    public void scan(SourceEntity entity, Consumer<Row> each) {
        delegate.scan(entity, each);
    }

    @Override
    public void close() {
        delegate.close();
    }
}
