package dev.millrace.streams.kstream.internals.foreignkeyjoin;

import dev.millrace.streams.kstream.internals.Change;
import dev.millrace.streams.kstream.internals.KTableValueGetter;
import dev.millrace.streams.kstream.internals.KTableValueGetterSupplier;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.state.ValueAndTimestamp;

/**
 * {@code KTABLE-FK-JOIN-SUBSCRIPTION-PROCESSOR-<n>} (join-foreign): answers a new subscription with the right table's
 * current row for its foreign key, keyed by the left row's key, as its instruction says; the answer carries the later
 * of the subscription's and the row's timestamps.
 */
public final class SubscriptionJoinProcessorSupplier<K, KO, VO>
        implements ProcessorSupplier<CombinedKey<KO, K>, Change<ValueAndTimestamp<SubscriptionWrapper<K>>>, K, SubscriptionResponseWrapper<VO>> {
    private final KTableValueGetterSupplier<KO, VO> foreignValues;

    public SubscriptionJoinProcessorSupplier(KTableValueGetterSupplier<KO, VO> foreignValues) {
        this.foreignValues = foreignValues;
    }

    @Override
    public Processor<CombinedKey<KO, K>, Change<ValueAndTimestamp<SubscriptionWrapper<K>>>, K, SubscriptionResponseWrapper<VO>> get() {
        KTableValueGetter<KO, VO> getter = foreignValues.get();
        return new ContextualProcessor<>() {
            @Override
            public void init(ProcessorContext<K, SubscriptionResponseWrapper<VO>> context) {
                super.init(context);
                getter.init(context);
            }

            @Override
            public void process(Record<CombinedKey<KO, K>, Change<ValueAndTimestamp<SubscriptionWrapper<K>>>> record) {
                ValueAndTimestamp<SubscriptionWrapper<K>> subscription = record.value().newValue;
                SubscriptionWrapper<K> value = subscription.value();
                ValueAndTimestamp<VO> foreign = record.key().foreignKey() == null ? null : getter.get(record.key().foreignKey());
                long timestamp = foreign == null ? subscription.timestamp() : Math.max(subscription.timestamp(), foreign.timestamp());
                VO foreignValue = ValueAndTimestamp.getValueOrNull(foreign);
                boolean answer = switch (value.instruction()) {
                    case DELETE_KEY_AND_PROPAGATE -> {
                        foreignValue = null;
                        yield true;
                    }
                    case PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE -> true;
                    case PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE -> foreign != null;
                    case DELETE_KEY_NO_PROPAGATE -> false;
                };
                if (!answer) return;
                context().forward(record.withKey(value.primaryKey())
                        .withValue(new SubscriptionResponseWrapper<>(value.hash(), foreignValue, value.primaryPartition()))
                        .withTimestamp(timestamp));
            }

            @Override
            public void close() {
                getter.close();
            }
        };
    }
}
