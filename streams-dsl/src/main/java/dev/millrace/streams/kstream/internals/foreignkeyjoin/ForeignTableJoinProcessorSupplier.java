package dev.millrace.streams.kstream.internals.foreignkeyjoin;

import dev.millrace.streams.KeyValue;
import dev.millrace.streams.kstream.internals.Change;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.processor.internals.ProcessorContextImpl;
import dev.millrace.streams.state.KeyValueIterator;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import dev.millrace.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.serialization.BytesSerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * {@code KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-<n>} (foreign-join-subscription), under the right table: a change of a
 * right row answers every subscription to its key (a prefix scan of the subscription store, in key-byte order) with
 * the row's new value.
 */
public final class ForeignTableJoinProcessorSupplier<K, KO, VO>
        implements ProcessorSupplier<KO, Change<VO>, K, SubscriptionResponseWrapper<VO>> {
    private final String storeName;
    private final CombinedKeySchema<KO, K> keySchema;
    private final Serde<K> primaryKeySerde;

    public ForeignTableJoinProcessorSupplier(String storeName, CombinedKeySchema<KO, K> keySchema, Serde<K> primaryKeySerde) {
        this.storeName = storeName;
        this.keySchema = keySchema;
        this.primaryKeySerde = primaryKeySerde;
    }

    @Override
    public Processor<KO, Change<VO>, K, SubscriptionResponseWrapper<VO>> get() {
        return new ContextualProcessor<>() {
            private TimestampedKeyValueStore<Bytes, byte[]> store;
            private WrapperSerdes.SubscriptionSerde<K> subscriptions;

            @Override
            public void init(ProcessorContext<K, SubscriptionResponseWrapper<VO>> context) {
                super.init(context);
                keySchema.init(context);
                store = context.getStateStore(storeName);
                subscriptions = new WrapperSerdes.SubscriptionSerde<>(primaryKeySerde);
                subscriptions.setIfUnset(context.keySerde(), context.valueSerde());
            }

            @Override
            public void process(Record<KO, Change<VO>> record) {
                if (record.key() == null) {
                    ((ProcessorContextImpl) (Object) context()).recordDroppedRecord();
                    return;
                }
                Bytes prefix = keySchema.prefixBytes(record.key());
                try (KeyValueIterator<Bytes, ValueAndTimestamp<byte[]>> it = store.prefixScan(prefix, new BytesSerializer())) {
                    while (it.hasNext()) {
                        KeyValue<Bytes, ValueAndTimestamp<byte[]>> next = it.next();
                        SubscriptionWrapper<K> subscription = subscriptions.deserialize(storeName, next.value.value());
                        context().forward(record.withKey(keySchema.fromBytes(next.key).primaryKey())
                                .withValue(new SubscriptionResponseWrapper<>(subscription.hash(), record.value().newValue,
                                        subscription.primaryPartition())));
                    }
                }
            }
        };
    }
}
