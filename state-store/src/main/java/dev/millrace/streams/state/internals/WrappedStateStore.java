package dev.millrace.streams.state.internals;

import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;

/**
 * A layer around another store (serdes and metrics, a record cache, a changelog, a format adapter), as Kafka Streams'
 * wrapped stores: it answers for the store below its name, whether it is persistent and open, and by default passes
 * init, flush and close down. Each layer adds only what it is for; {@link #wrapped()} lets code walk down to the engine.
 *
 * @param <S> the type of the store below
 */
public abstract class WrappedStateStore<S extends StateStore> implements StateStore {
    protected final S inner;

    protected WrappedStateStore(S inner) {
        this.inner = inner;
    }

    /** The store below this layer. */
    public S wrapped() {
        return inner;
    }

    @Override
    public String name() {
        return inner.name();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        inner.init(context, root);
    }

    @Override
    public void flush() {
        inner.flush();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean persistent() {
        return inner.persistent();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }
}
