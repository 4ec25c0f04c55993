package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.kstream.Windowed;
import dev.millrace.streams.kstream.WindowedSerdes;
import dev.millrace.streams.kstream.internals.suppress.BufferConfigInternal;
import dev.millrace.streams.kstream.internals.suppress.SuppressedInternal;
import dev.millrace.streams.kstream.internals.suppress.SuppressionBuffer;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.processor.internals.ProcessorContextImpl;
import dev.millrace.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.Bytes;

/**
 * {@code KTable.suppress}: buffers each key's latest change and forwards it once stream time (the largest timestamp
 * this processor has seen, never the wall clock) is the wait past its buffer time (its timestamp, or its window's
 * end for final results), or earlier when a bounded eager buffer is full; a strict bounded buffer that fills fails
 * the task with Kafka Streams' message. A record goes out with the timestamp, headers and context it came with.
 */
final class KTableSuppressProcessorSupplier<K, V> implements KTableProcessorSupplier<K, V, K, V> {
    private final SuppressedInternal<K> suppress;
    private final String name;
    private final String storeName;
    private final KTableImpl<K, ?, V> parent;

    KTableSuppressProcessorSupplier(SuppressedInternal<K> suppress, String name, String storeName, KTableImpl<K, ?, V> parent) {
        this.suppress = suppress;
        this.name = name;
        this.storeName = storeName;
        this.parent = parent;
        // the buffer keeps the value before the first buffered update, so the parent must send old values
        parent.enableSendingOldValues(true);
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        return parent.enableSendingOldValues(forceMaterialization);
    }

    @Override
    public Processor<K, Change<V>, K, Change<V>> get() {
        return new ContextualProcessor<>() {
            private SuppressionBuffer<Record<K, Change<V>>> buffer;
            private final BufferConfigInternal<?> config = suppress.bufferConfig();
            private final long waitMs = suppress.timeToWaitForMoreEvents().toMillis();
            private ProcessorContextImpl internal;
            private Serializer<K> keySerializer;
            private Serializer<V> valueSerializer;
            private long observedStreamTime = -1;

            @Override
            public void init(ProcessorContext<K, Change<V>> context) {
                super.init(context);
                internal = (ProcessorContextImpl) (Object) context;
                buffer = context.getStateStore(storeName);
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                observedStreamTime = Math.max(observedStreamTime, record.timestamp());
                long time = suppress.windowEndTime() ? ((Windowed<?>) record.key()).window().end() : record.timestamp();
                String topic = internal.currentRecordContext() == null ? null : internal.currentRecordContext().topic();
                Change<V> change = record.value();
                buffer.put(time, Bytes.wrap(keySerializer(record.key()).serialize(topic, record.key())), record,
                        serialize(topic, change.oldValue), serialize(topic, change.newValue), internal.currentRecordContext());
                enforceConstraints();
            }

            private void enforceConstraints() {
                long expiryTime = observedStreamTime - waitMs;
                buffer.evictWhile(() -> buffer.minTimestamp() <= expiryTime, this::emit);
                if (!overCapacity()) return;
                switch (config.bufferFullStrategy()) {
                    case EMIT -> buffer.evictWhile(this::overCapacity, this::emit);
                    case SHUT_DOWN -> throw new StreamsException(String.format(
                            "%s buffer exceeded its max capacity. Currently [%d/%d] records and [%d/%d] bytes.",
                            name, buffer.numRecords(), config.maxRecords(), buffer.bufferSize(), config.maxBytes()));
                }
            }

            private boolean overCapacity() {
                return buffer.numRecords() > config.maxRecords() || buffer.bufferSize() > config.maxBytes();
            }

            private void emit(SuppressionBuffer.Entry<Record<K, Change<V>>> e) {
                Record<K, Change<V>> r = e.value();
                if (r.value().newValue == null && suppress.safeToDropTombstones()) return;
                internal.forwardFrom(e.context(), r.withTimestamp(e.context().timestamp()).withHeaders(e.context().headers()));
            }

            private Serializer<K> keySerializer(K key) {
                if (keySerializer == null) keySerializer = keySerde(context(), key).serializer();
                return keySerializer;
            }

            private byte[] serialize(String topic, V value) {
                if (value == null) return null;
                if (valueSerializer == null) valueSerializer = valueSerde(context()).serializer();
                return valueSerializer.serialize(topic, value);
            }
        };
    }

    /** The buffer's key serde: the table's, else the default one (windowed for a windowed key). */
    @SuppressWarnings("unchecked")
    private Serde<K> keySerde(ProcessorContext<?, ?> context, K key) {
        if (parent.keySerde != null) return parent.keySerde;
        Serde<Object> inner = (Serde<Object>) context.keySerde();
        return (Serde<K>) (key instanceof Windowed<?> w
                ? (w.window() instanceof SessionWindow
                        ? new WindowedSerdes.SessionWindowedSerde<>(inner)
                        : new WindowedSerdes.TimeWindowedSerde<>(inner, Long.MAX_VALUE))
                : inner);
    }

    @SuppressWarnings("unchecked")
    private Serde<V> valueSerde(ProcessorContext<?, ?> context) {
        return parent.valueSerde != null ? parent.valueSerde : (Serde<V>) context.valueSerde();
    }

    /**
     * Reads the suppressed table: for a buffered key the value it had before its first buffered update (what
     * downstream last saw; its timestamp unknown, -1), otherwise the parent's value, as Kafka Streams does.
     */
    @Override
    public KTableValueGetterSupplier<K, V> view() {
        KTableValueGetterSupplier<K, V> parentGetters = parent.valueGetterSupplier();
        return new KTableValueGetterSupplier<>() {
            @Override
            public KTableValueGetter<K, V> get() {
                KTableValueGetter<K, V> parentGetter = parentGetters.get();
                return new KTableValueGetter<>() {
                    private ProcessorContext<?, ?> context;
                    private SuppressionBuffer<?> buffer;

                    @Override
                    public void init(ProcessorContext<?, ?> context) {
                        this.context = context;
                        parentGetter.init(context);
                        buffer = context.getStateStore(storeName);
                    }

                    @Override
                    public ValueAndTimestamp<V> get(K key) {
                        SuppressionBuffer.Entry<?> e = buffer.buffered(Bytes.wrap(keySerde(context, key).serializer().serialize(null, key)));
                        if (e == null) return parentGetter.get(key);
                        byte[] prior = e.priorValue();
                        return prior == null ? null
                                : ValueAndTimestamp.make(valueSerde(context).deserializer().deserialize(null, prior), -1);
                    }

                    @Override
                    public void close() {
                        parentGetter.close();
                    }
                };
            }

            @Override
            public String[] storeNames() {
                String[] parentStores = parentGetters.storeNames();
                String[] stores = new String[parentStores.length + 1];
                stores[0] = storeName;
                System.arraycopy(parentStores, 0, stores, 1, parentStores.length);
                return stores;
            }
        };
    }
}
