package dev.millrace.streams.processor;

/**
 * A storage engine owned by one task, as Kafka Streams' {@code org.apache.kafka.streams.processor.StateStore}.
 * Its life is: built (closed), {@link #init} (open), used, {@link #flush} on commit, {@link #close}. Any use while it
 * is not open throws {@link dev.millrace.streams.errors.InvalidStateStoreException}.
 */
public interface StateStore {
    /** The store's name, unique within a topology; it names the store's directory and changelog topic. */
    String name();

    /**
     * Opens the store. {@code root} is the outermost store of the wrapping chain (serde, cache, logging layers
     * around the storage engine); it is what the changelog layer registers with the context. Restored records go
     * to the storage engine below the changelog layer, so they are neither logged again nor cached.
     */
    void init(StateStoreContext context, StateStore root);

    /** Makes every write so far durable in the storage engine (and, with caching, pushes cached writes down). */
    void flush();

    /** Releases every resource. Does not flush: the runtime flushes and checkpoints before it closes a store. */
    void close();

    /** Whether the store keeps its data on disk across restarts. */
    boolean persistent();

    boolean isOpen();
}
