package dev.millrace.streams.kstream.internals.foreignkeyjoin;

import dev.millrace.streams.kstream.internals.Change;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.processor.internals.ProcessorContextImpl;
import dev.millrace.streams.state.TimestampedKeyValueStore;
import dev.millrace.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.utils.Bytes;

/**
 * {@code KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-<n>} (receive), on the right table's side: records each subscription
 * in the subscription store under (foreign key, primary key), or removes it on a delete, and passes it on with the
 * one it replaced. A null foreign key is kept only from a left join (answered with null, never stored).
 */
public final class SubscriptionReceiveProcessorSupplier<KO, K>
        implements ProcessorSupplier<KO, SubscriptionWrapper<K>, CombinedKey<KO, K>, Change<ValueAndTimestamp<SubscriptionWrapper<K>>>> {
    private final String storeName;
    private final CombinedKeySchema<KO, K> keySchema;
    private final Serde<K> primaryKeySerde;

    /** @param primaryKeySerde the left table's key serde (null: the default), for the store's subscription bytes */
    public SubscriptionReceiveProcessorSupplier(String storeName, CombinedKeySchema<KO, K> keySchema, Serde<K> primaryKeySerde) {
        this.storeName = storeName;
        this.keySchema = keySchema;
        this.primaryKeySerde = primaryKeySerde;
    }

    @Override
    public Processor<KO, SubscriptionWrapper<K>, CombinedKey<KO, K>, Change<ValueAndTimestamp<SubscriptionWrapper<K>>>> get() {
        return new ContextualProcessor<>() {
            private TimestampedKeyValueStore<Bytes, byte[]> store;
            private WrapperSerdes.SubscriptionSerde<K> subscriptions;

            @Override
            public void init(ProcessorContext<CombinedKey<KO, K>, Change<ValueAndTimestamp<SubscriptionWrapper<K>>>> context) {
                super.init(context);
                keySchema.init(context);
                store = context.getStateStore(storeName);
                subscriptions = new WrapperSerdes.SubscriptionSerde<>(primaryKeySerde);
                subscriptions.setIfUnset(context.keySerde(), context.valueSerde());
            }

            @Override
            public void process(Record<KO, SubscriptionWrapper<K>> record) {
                SubscriptionWrapper<K> subscription = record.value();
                if (record.key() == null && subscription.instruction() != SubscriptionWrapper.Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE) {
                    ((ProcessorContextImpl) (Object) context()).recordDroppedRecord();
                    return;
                }
                ValueAndTimestamp<SubscriptionWrapper<K>> newValue = ValueAndTimestamp.make(subscription, record.timestamp());
                ValueAndTimestamp<SubscriptionWrapper<K>> oldValue = null;
                if (record.key() != null) {
                    Bytes key = keySchema.toBytes(record.key(), subscription.primaryKey());
                    ValueAndTimestamp<byte[]> stored = store.get(key);
                    if (stored != null) {
                        oldValue = ValueAndTimestamp.make(subscriptions.deserialize(storeName, stored.value()), stored.timestamp());
                    }
                    switch (subscription.instruction()) {
                        case DELETE_KEY_AND_PROPAGATE, DELETE_KEY_NO_PROPAGATE -> store.delete(key);
                        default -> store.put(key, ValueAndTimestamp.make(subscriptions.serialize(storeName, subscription),
                                record.timestamp()));
                    }
                }
                context().forward(record.withKey(new CombinedKey<>(record.key(), subscription.primaryKey()))
                        .withValue(new Change<>(newValue, oldValue)));
            }
        };
    }
}
