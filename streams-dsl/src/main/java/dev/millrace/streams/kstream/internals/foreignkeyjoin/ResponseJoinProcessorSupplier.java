package dev.millrace.streams.kstream.internals.foreignkeyjoin;

import dev.millrace.streams.kstream.ValueJoiner;
import dev.millrace.streams.kstream.internals.KTableValueGetter;
import dev.millrace.streams.kstream.internals.KTableValueGetterSupplier;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.state.ValueAndTimestamp;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Arrays;

/**
 * {@code KTABLE-FK-JOIN-SUBSCRIPTION-RESPONSE-RESOLVER-PROCESSOR-<n>}, on the left table's side: an answer whose hash
 * is not the left row's current value's is stale and dropped; otherwise the row and the foreign value are joined (an
 * inner join, or a left join whose row is gone, emits a delete when there is no foreign value).
 */
public final class ResponseJoinProcessorSupplier<K, V, VO, VR> implements ProcessorSupplier<K, SubscriptionResponseWrapper<VO>, K, VR> {
    private final KTableValueGetterSupplier<K, V> valueGetterSupplier;
    private final Serde<V> valueSerde;
    private final ValueJoiner<? super V, ? super VO, ? extends VR> joiner;
    private final boolean leftJoin;

    public ResponseJoinProcessorSupplier(KTableValueGetterSupplier<K, V> valueGetterSupplier, Serde<V> valueSerde,
                                         ValueJoiner<? super V, ? super VO, ? extends VR> joiner, boolean leftJoin) {
        this.valueGetterSupplier = valueGetterSupplier;
        this.valueSerde = valueSerde;
        this.joiner = joiner;
        this.leftJoin = leftJoin;
    }

    @Override
    public Processor<K, SubscriptionResponseWrapper<VO>, K, VR> get() {
        KTableValueGetter<K, V> getter = valueGetterSupplier.get();
        return new ContextualProcessor<>() {
            private Serializer<V> valueSerializer;

            @Override
            @SuppressWarnings("unchecked")
            public void init(ProcessorContext<K, VR> context) {
                super.init(context);
                getter.init(context);
                valueSerializer = (valueSerde != null ? valueSerde : (Serde<V>) context.valueSerde()).serializer();
            }

            @Override
            public void process(Record<K, SubscriptionResponseWrapper<VO>> record) {
                ValueAndTimestamp<V> current = getter.get(record.key());
                byte[] currentHash = current == null ? null : ValueHash.of(valueSerializer.serialize(null, current.value()));
                if (!Arrays.equals(record.value().originalValueHash(), currentHash)) return;
                VO foreignValue = record.value().foreignValue();
                VR result = foreignValue == null && (!leftJoin || current == null) ? null
                        : joiner.apply(current == null ? null : current.value(), foreignValue);
                context().forward(record.withValue(result));
            }

            @Override
            public void close() {
                getter.close();
            }
        };
    }
}
