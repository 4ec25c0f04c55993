package dev.millrace.streams.kstream.internals.foreignkeyjoin;

import dev.millrace.streams.kstream.internals.Change;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.processor.api.RecordMetadata;
import dev.millrace.streams.processor.internals.ProcessorContextImpl;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Arrays;
import java.util.function.BiFunction;

import static dev.millrace.streams.kstream.internals.foreignkeyjoin.SubscriptionWrapper.Instruction.DELETE_KEY_AND_PROPAGATE;
import static dev.millrace.streams.kstream.internals.foreignkeyjoin.SubscriptionWrapper.Instruction.DELETE_KEY_NO_PROPAGATE;
import static dev.millrace.streams.kstream.internals.foreignkeyjoin.SubscriptionWrapper.Instruction.PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE;
import static dev.millrace.streams.kstream.internals.foreignkeyjoin.SubscriptionWrapper.Instruction.PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE;

/**
 * {@code KTABLE-FK-JOIN-SUBSCRIPTION-REGISTRATION-<n>}: turns each change of the left table into subscriptions keyed
 * by foreign key, as Kafka Streams 4.4 does. A row whose foreign key changed unsubscribes from the old one first. In an
 * inner join a row whose new foreign key is null is dropped (counted) and its old subscription deleted with a null
 * result; a row keeping its foreign key only gets a result if the foreign row exists. In a left join every change
 * subscribes (a null foreign key with a null key), and is answered, with null when there is no foreign row.
 */
public final class SubscriptionSendProcessorSupplier<K, KO, V> implements ProcessorSupplier<K, Change<V>, KO, SubscriptionWrapper<K>> {
    private final BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor;
    private final Serde<KO> foreignKeySerde;
    private final Serde<V> valueSerde;
    private final boolean leftJoin;

    public SubscriptionSendProcessorSupplier(BiFunction<? super K, ? super V, ? extends KO> foreignKeyExtractor,
                                             Serde<KO> foreignKeySerde, Serde<V> valueSerde, boolean leftJoin) {
        this.foreignKeyExtractor = foreignKeyExtractor;
        this.foreignKeySerde = foreignKeySerde;
        this.valueSerde = valueSerde;
        this.leftJoin = leftJoin;
    }

    @Override
    public Processor<K, Change<V>, KO, SubscriptionWrapper<K>> get() {
        return new ContextualProcessor<>() {
            private Serializer<KO> foreignKeySerializer;
            private Serializer<V> valueSerializer;
            private byte[] recordHash;

            @Override
            @SuppressWarnings("unchecked")
            public void init(ProcessorContext<KO, SubscriptionWrapper<K>> context) {
                super.init(context);
                foreignKeySerializer = (foreignKeySerde != null ? foreignKeySerde : (Serde<KO>) context.keySerde()).serializer();
                valueSerializer = (valueSerde != null ? valueSerde : (Serde<V>) context.valueSerde()).serializer();
            }

            @Override
            public void process(Record<K, Change<V>> record) {
                recordHash = null;
                V oldValue = record.value().oldValue;
                V newValue = record.value().newValue;
                KO oldKey = oldValue == null ? null : foreignKeyExtractor.apply(record.key(), oldValue);
                KO newKey = newValue == null ? null : foreignKeyExtractor.apply(record.key(), newValue);
                if (leftJoin) {
                    if (oldValue == null && newValue == null) return;
                    // the old subscription is dropped silently: the new one's answer replaces the result
                    if (oldKey != null && changed(newKey, oldKey)) forward(record, oldKey, DELETE_KEY_NO_PROPAGATE);
                    forward(record, newKey, PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE);
                    return;
                }
                if (newValue == null) {
                    if (oldKey != null) forward(record, oldKey, DELETE_KEY_AND_PROPAGATE);
                } else if (newKey == null) {
                    dropped();
                    if (oldKey != null) forward(record, oldKey, DELETE_KEY_AND_PROPAGATE);
                } else if (oldKey != null && changed(newKey, oldKey)) {
                    forward(record, oldKey, DELETE_KEY_NO_PROPAGATE);
                    forward(record, newKey, PROPAGATE_NULL_IF_NO_FK_VAL_AVAILABLE);
                } else {
                    // a new row, or the same foreign key: without a foreign row there was no result and is none
                    forward(record, newKey, PROPAGATE_ONLY_IF_FK_VAL_AVAILABLE);
                }
            }

            private boolean changed(KO newKey, KO oldKey) {
                return !Arrays.equals(serialize(newKey), serialize(oldKey));
            }

            private byte[] serialize(KO key) {
                return key == null ? null : foreignKeySerializer.serialize(null, key);
            }

            private void forward(Record<K, Change<V>> record, KO foreignKey, SubscriptionWrapper.Instruction instruction) {
                Integer partition = context().recordMetadata().map(RecordMetadata::partition).orElse(null);
                context().forward(record.withKey(foreignKey)
                        .withValue(new SubscriptionWrapper<>(hash(record), instruction, record.key(), partition)));
            }

            private byte[] hash(Record<K, Change<V>> record) {
                if (recordHash == null && record.value().newValue != null) {
                    recordHash = ValueHash.of(valueSerializer.serialize(null, record.value().newValue));
                }
                return recordHash;
            }

            private void dropped() {
                ((ProcessorContextImpl) (Object) context()).recordDroppedRecord();
            }
        };
    }
}
