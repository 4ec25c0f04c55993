package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.GlobalKTable;
import dev.millrace.streams.kstream.KStream;
import dev.millrace.streams.kstream.KeyValueMapper;
import dev.millrace.streams.kstream.Named;
import dev.millrace.streams.kstream.ValueJoinerWithKey;
import dev.millrace.streams.kstream.ValueJoinerWithStreamAndMappedKey;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.ProcessorSupplier;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.processor.internals.ProcessorContextImpl;
import dev.millrace.streams.state.ValueAndTimestamp;

import java.util.Objects;

/**
 * A stream joined with a global table, as Kafka Streams: each record's {@code keySelector} result is looked up in the
 * global store; an inner join forwards only records that found a row, a left join every record (null partner when
 * none). A record is dropped (and counted) when the selected key or the value is null, except that a left join still
 * passes a null-keyed record with a value. The stream keeps its key, partitioning and serdes; no repartition.
 */
final class KStreamGlobalKTableJoin<K1, V1, K2, V2, VOut> implements ProcessorSupplier<K1, V1, K1, VOut> {
    /** Kafka Streams names both joins {@code KSTREAM-LEFTJOIN-}. */
    private static final String LEFTJOIN_NAME = "KSTREAM-LEFTJOIN-";

    private final KTableValueGetterSupplier<K2, V2> valueGetterSupplier;
    private final KeyValueMapper<? super K1, ? super V1, ? extends K2> keySelector;
    private final ValueJoinerWithStreamAndMappedKey<? super K1, ? super K2, ? super V1, ? super V2, ? extends VOut> joiner;
    private final boolean leftJoin;

    KStreamGlobalKTableJoin(KTableValueGetterSupplier<K2, V2> valueGetterSupplier,
                            KeyValueMapper<? super K1, ? super V1, ? extends K2> keySelector,
                            ValueJoinerWithStreamAndMappedKey<? super K1, ? super K2, ? super V1, ? super V2, ? extends VOut> joiner,
                            boolean leftJoin) {
        this.valueGetterSupplier = valueGetterSupplier;
        this.keySelector = keySelector;
        this.joiner = joiner;
        this.leftJoin = leftJoin;
    }

    /** Adapts a joiner that does not look at the table key; Kafka Streams' null check and message. */
    static <K1, K2, V1, V2, VOut> ValueJoinerWithStreamAndMappedKey<K1, K2, V1, V2, VOut> withStreamKey(
            ValueJoinerWithKey<K1, V1, V2, VOut> joiner) {
        Objects.requireNonNull(joiner, "joiner cannot be null");
        return (streamKey, tableKey, streamValue, tableValue) -> joiner.apply(streamKey, streamValue, tableValue);
    }

    /** Adds the join node under {@code stream} and returns the joined stream. */
    static <K1, V1, K2, V2, VOut> KStream<K1, VOut> join(KStreamImpl<K1, V1> stream, GlobalKTable<K2, V2> globalTable,
                                                          KeyValueMapper<? super K1, ? super V1, ? extends K2> keySelector,
                                                          ValueJoinerWithStreamAndMappedKey<? super K1, ? super K2, ? super V1, ? super V2, ? extends VOut> joiner,
                                                          boolean leftJoin, Named named) {
        Objects.requireNonNull(globalTable, "globalTable cannot be null");
        Objects.requireNonNull(keySelector, "keySelector cannot be null");
        Objects.requireNonNull(joiner, "joiner cannot be null");
        Objects.requireNonNull(named, "named cannot be null");
        KTableValueGetterSupplier<K2, V2> getter = ((GlobalKTableImpl<K2, V2>) globalTable).valueGetterSupplier();
        String name = NamedInternal.of(named).orElseGenerateWithPrefix(stream.builder, LEFTJOIN_NAME);
        stream.builder.addProcessor(name, new KStreamGlobalKTableJoin<>(getter, keySelector, joiner, leftJoin), stream.name);
        return new KStreamImpl<>(name, stream.keySerde, null, stream.subTopologySourceNodes, stream.repartitionRequired,
                stream.builder);
    }

    @Override
    public Processor<K1, V1, K1, VOut> get() {
        return new ContextualProcessor<>() {
            private KTableValueGetter<K2, V2> valueGetter;

            @Override
            public void init(ProcessorContext<K1, VOut> context) {
                super.init(context);
                valueGetter = valueGetterSupplier.get();
                valueGetter.init(context);
            }

            @Override
            public void process(Record<K1, V1> record) {
                K2 mappedKey = keySelector.apply(record.key(), record.value());
                boolean nullKeyLeftJoin = leftJoin && record.key() == null && record.value() != null;
                if (!nullKeyLeftJoin && (mappedKey == null || record.value() == null)) {
                    ((ProcessorContextImpl) (Object) context()).recordDroppedRecord();
                    return;
                }
                V2 tableValue = mappedKey == null ? null : ValueAndTimestamp.getValueOrNull(valueGetter.get(mappedKey));
                if (leftJoin || tableValue != null) {
                    context().forward(record.withValue(joiner.apply(record.key(), mappedKey, record.value(), tableValue)));
                }
            }

            @Override
            public void close() {
                valueGetter.close();
            }
        };
    }
}
