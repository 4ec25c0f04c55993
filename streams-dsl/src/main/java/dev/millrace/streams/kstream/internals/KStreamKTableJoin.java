package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.KeyValueMapper;
import dev.millrace.streams.kstream.ValueJoinerWithKey;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.processor.internals.ProcessorContextImpl;
import dev.millrace.streams.state.ValueAndTimestamp;

/**
 * A stream joined with a table it looks up through the table's value getter: each record meets the table's row for
 * its join key (the record's key, or what the key mapper makes of the record). A record with a null value, or a null
 * join key, is dropped and counted, except that a left join still joins a null-keyed record (with a null row), as
 * Kafka Streams 4 does. An inner join forwards only records that found a row. The output keeps the record's key and
 * timestamp.
 */
final class KStreamKTableJoin<K, V, KT, VT, VR> implements ProcessorSupplier<K, V, K, VR> {
    private final KTableValueGetterSupplier<KT, VT> valueGetterSupplier;
    private final KeyValueMapper<? super K, ? super V, ? extends KT> keyMapper;
    private final ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner;
    private final boolean leftJoin;

    KStreamKTableJoin(KTableValueGetterSupplier<KT, VT> valueGetterSupplier,
                      KeyValueMapper<? super K, ? super V, ? extends KT> keyMapper,
                      ValueJoinerWithKey<? super K, ? super V, ? super VT, ? extends VR> joiner, boolean leftJoin) {
        this.valueGetterSupplier = valueGetterSupplier;
        this.keyMapper = keyMapper;
        this.joiner = joiner;
        this.leftJoin = leftJoin;
    }

    @Override
    public Processor<K, V, K, VR> get() {
        KTableValueGetter<KT, VT> valueGetter = valueGetterSupplier.get();
        return new ContextualProcessor<>() {
            @Override
            public void init(ProcessorContext<K, VR> context) {
                super.init(context);
                valueGetter.init(context);
            }

            @Override
            public void process(Record<K, V> record) {
                KT joinKey = keyMapper.apply(record.key(), record.value());
                boolean nullKeyLeftJoin = leftJoin && record.key() == null && record.value() != null;
                if (!nullKeyLeftJoin && (joinKey == null || record.value() == null)) {
                    ((ProcessorContextImpl) (Object) context()).recordDroppedRecord();
                    return;
                }
                VT row = joinKey == null ? null : ValueAndTimestamp.getValueOrNull(valueGetter.get(joinKey));
                if (leftJoin || row != null) {
                    context().forward(record.withValue(joiner.apply(record.key(), record.value(), row)));
                }
            }

            @Override
            public void close() {
                valueGetter.close();
            }
        };
    }
}
