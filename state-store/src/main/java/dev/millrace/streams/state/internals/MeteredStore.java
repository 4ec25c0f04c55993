package dev.millrace.streams.state.internals;

import dev.millrace.streams.errors.InvalidStateStoreException;
import dev.millrace.streams.errors.StreamsException;
import dev.millrace.streams.processor.StateStore;
import dev.millrace.streams.processor.StateStoreContext;
import dev.millrace.streams.state.internals.metrics.StateStoreMetrics;
import dev.millrace.streams.state.internals.metrics.StateStoreMetrics.Op;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

import java.util.Objects;
import java.util.Set;

/**
 * What the outermost layers of key-value, window, session and versioned stores share: the user's keys and values
 * turned into bytes for the chain inside, and the store's {@link StateStoreMetrics}. Serdes given as null are taken
 * from {@code default.key.serde} / {@code default.value.serde} at init; they are called with the changelog topic's
 * name, as Kafka Streams does, so schema-registry serdes see the topic they expect. The metrics open around the inner
 * store's init (which restores it) and close with the store; flush is measured here, each store type's operations in
 * its subclass.
 *
 * @param <S> the bytes store inside
 */
abstract class MeteredStore<S extends StateStore, K, V> extends WrappedStateStore<S> {
    static final String DEFAULT_KEY_SERDE = "default.key.serde";
    static final String DEFAULT_VALUE_SERDE = "default.value.serde";

    private final String metricsScope;
    private final Set<Op> ops;
    private Serde<K> keySerde;
    private Serde<V> valueSerde;
    private String topic;
    private StateStoreMetrics metrics = StateStoreMetrics.NONE;
    private StateStoreContext context;

    /**
     * @param metricsScope the supplier's, naming the store type tag ({@code <scope>-state-id}); null for no metrics
     * @param ops          the operations this store type measures
     */
    MeteredStore(S inner, String metricsScope, Set<Op> ops, Serde<K> keySerde, Serde<V> valueSerde) {
        super(inner);
        this.metricsScope = metricsScope;
        this.ops = ops;
        this.keySerde = keySerde;
        this.valueSerde = valueSerde;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        if (keySerde == null) keySerde = defaultSerde(context, DEFAULT_KEY_SERDE, true);
        if (valueSerde == null) valueSerde = wrapDefaultValueSerde(defaultSerde(context, DEFAULT_VALUE_SERDE, false));
        topic = MeteredKeyValueStore.changelogTopic(context.applicationId(), name());
        this.context = context;
        metrics = StateStoreMetrics.openMeasuringRestore(context, metricsScope, name(), ops, () -> inner.init(context, root));
    }

    /** The value serde to use when the user gave none and the application's default is {@code defaultSerde}. */
    @SuppressWarnings("unchecked")
    protected Serde<V> wrapDefaultValueSerde(Serde<?> defaultSerde) {
        return (Serde<V>) defaultSerde;
    }

    @SuppressWarnings("unchecked")
    private static <T> Serde<T> defaultSerde(StateStoreContext context, String config, boolean isKey) {
        Object setting = context.appConfigs().get(config);
        if (setting == null) {
            throw new StreamsException("store serde is null and " + config + " is not configured");
        }
        try {
            Class<?> cls = setting instanceof Class ? (Class<?>) setting
                    : Class.forName(setting.toString().trim(), true, Thread.currentThread().getContextClassLoader());
            Serde<T> serde = (Serde<T>) cls.getDeclaredConstructor().newInstance();
            serde.configure(context.appConfigs(), isKey);
            return serde;
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new StreamsException("cannot make " + config + " " + setting, e);
        }
    }

    /** The metrics operations record into; {@link StateStoreMetrics#NONE} before init and after close. */
    protected StateStoreMetrics metrics() {
        return metrics;
    }

    /** Records the end-to-end latency of the record being written; after a write. */
    protected void recordE2ELatency() {
        metrics.recordE2ELatency(context);
    }

    /** The changelog topic's name, which the serdes are called with; null before init. */
    protected String topic() {
        return topic;
    }

    protected Bytes keyBytes(K key) {
        if (keySerde == null) throw new InvalidStateStoreException("store " + name() + " is not initialised");
        return Bytes.wrap(keySerde.serializer().serialize(topic, Objects.requireNonNull(key, "key cannot be null")));
    }

    /** A range bound: null (open) stays null. */
    protected Bytes boundBytes(K key) {
        return key == null ? null : keyBytes(key);
    }

    protected K key(Bytes bytes) {
        return keySerde.deserializer().deserialize(topic, bytes.get());
    }

    protected byte[] valueBytes(V value) {
        return value == null ? null : valueSerde.serializer().serialize(topic, value);
    }

    protected V value(byte[] bytes) {
        return bytes == null ? null : valueSerde.deserializer().deserialize(topic, bytes);
    }

    @Override
    public void flush() {
        long start = metrics.start(Op.FLUSH);
        inner.flush();
        metrics.end(Op.FLUSH, start);
    }

    @Override
    public void close() {
        try {
            inner.close();
        } finally {
            metrics.close();
            metrics = StateStoreMetrics.NONE;
        }
    }
}
