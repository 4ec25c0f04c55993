package dev.millrace.streams.kstream.internals;

import dev.millrace.streams.kstream.ValueJoiner;
import dev.millrace.streams.processor.api.ContextualProcessor;
import dev.millrace.streams.processor.api.Processor;
import dev.millrace.streams.processor.api.ProcessorContext;
import dev.millrace.streams.processor.api.Record;
import dev.millrace.streams.processor.internals.ProcessorContextImpl;
import dev.millrace.streams.state.ValueAndTimestamp;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One side of a table-table join: each change of {@code table1} is joined with {@code table2}'s current row for the
 * key (read through its value getter), the old value too when downstream asked for old values. The result carries the
 * larger of the two rows' timestamps. Which combinations produce a row is the {@link Kind}: a left join is written as
 * LEFT on the left table's side and RIGHT (with the joiner's arguments swapped) on the right table's side.
 */
final class KTableKTableJoin<K, V1, V2, VR> implements KTableProcessorSupplier<K, V1, K, VR> {
    /** How the join treats a missing row: on this side ({@code table1}) or the other ({@code table2}). */
    enum Kind {
        /** Both rows needed. */
        INNER,
        /** This side's row needed; the other may be missing. */
        LEFT,
        /** The other side's row needed; this one may be missing (the right table's side of a left join). */
        RIGHT,
        /** Either row suffices. */
        OUTER
    }

    private static final long UNKNOWN = -1;

    private final KTableImpl<K, ?, V1> table1;
    private final KTableImpl<K, ?, V2> table2;
    private final KTableValueGetterSupplier<K, V1> valueGetterSupplier1;
    private final KTableValueGetterSupplier<K, V2> valueGetterSupplier2;
    private final ValueJoiner<? super V1, ? super V2, ? extends VR> joiner;
    private final Kind kind;
    private boolean sendOldValues;

    KTableKTableJoin(KTableImpl<K, ?, V1> table1, KTableImpl<K, ?, V2> table2,
                     ValueJoiner<? super V1, ? super V2, ? extends VR> joiner, Kind kind) {
        this.table1 = table1;
        this.table2 = table2;
        this.valueGetterSupplier1 = table1.valueGetterSupplier();
        this.valueGetterSupplier2 = table2.valueGetterSupplier();
        this.joiner = joiner;
        this.kind = kind;
    }

    @Override
    public boolean enableSendingOldValues(boolean forceMaterialization) {
        // the old result needs both tables' old rows: both must be materialized
        table1.enableSendingOldValues(true);
        table2.enableSendingOldValues(true);
        sendOldValues = true;
        return true;
    }

    /** Whether a row is produced when this side's row is {@code value1} and the other's {@code value2}. */
    private boolean joins(V1 value1, V2 value2) {
        return switch (kind) {
            case INNER -> value1 != null && value2 != null;
            case LEFT -> value1 != null;
            case RIGHT -> value2 != null;
            case OUTER -> value1 != null || value2 != null;
        };
    }

    private VR join(V1 value1, V2 value2) {
        return joins(value1, value2) ? joiner.apply(value1, value2) : null;
    }

    @Override
    public Processor<K, Change<V1>, K, Change<VR>> get() {
        KTableValueGetter<K, V2> valueGetter = valueGetterSupplier2.get();
        return new ContextualProcessor<>() {
            @Override
            public void init(ProcessorContext<K, Change<VR>> context) {
                super.init(context);
                valueGetter.init(context);
            }

            @Override
            public void process(Record<K, Change<V1>> record) {
                if (record.key() == null) {
                    ((ProcessorContextImpl) (Object) context()).recordDroppedRecord();
                    return;
                }
                ValueAndTimestamp<V2> other = valueGetter.get(record.key());
                V2 value2 = ValueAndTimestamp.getValueOrNull(other);
                Change<V1> change = record.value();
                if (value2 == null) {
                    // inner and right joins need the other row; left and outer ones need some change on this side
                    if (kind == Kind.INNER || kind == Kind.RIGHT) return;
                    if (change.newValue == null && change.oldValue == null) return;
                }
                long timestamp = value2 == null ? Math.max(record.timestamp(), UNKNOWN) : Math.max(record.timestamp(), other.timestamp());
                VR newValue = join(change.newValue, value2);
                VR oldValue = sendOldValues ? join(change.oldValue, value2) : null;
                context().forward(record.withValue(new Change<>(newValue, oldValue)).withTimestamp(timestamp));
            }

            @Override
            public void close() {
                valueGetter.close();
            }
        };
    }

    /** The joined table's row for a key, computed from both tables' getters. */
    @Override
    public KTableValueGetterSupplier<K, VR> view() {
        return new KTableValueGetterSupplier<>() {
            @Override
            public KTableValueGetter<K, VR> get() {
                KTableValueGetter<K, V1> getter1 = valueGetterSupplier1.get();
                KTableValueGetter<K, V2> getter2 = valueGetterSupplier2.get();
                return new KTableValueGetter<>() {
                    @Override
                    public void init(ProcessorContext<?, ?> context) {
                        getter1.init(context);
                        getter2.init(context);
                    }

                    @Override
                    public ValueAndTimestamp<VR> get(K key) {
                        ValueAndTimestamp<V1> row1 = getter1.get(key);
                        ValueAndTimestamp<V2> row2 = getter2.get(key);
                        V1 value1 = ValueAndTimestamp.getValueOrNull(row1);
                        V2 value2 = ValueAndTimestamp.getValueOrNull(row2);
                        if (!joins(value1, value2)) return null;
                        long timestamp = Math.max(row1 == null ? UNKNOWN : row1.timestamp(), row2 == null ? UNKNOWN : row2.timestamp());
                        return ValueAndTimestamp.make(joiner.apply(value1, value2), timestamp);
                    }

                    @Override
                    public void close() {
                        getter1.close();
                        getter2.close();
                    }
                };
            }

            @Override
            public String[] storeNames() {
                return union(valueGetterSupplier1.storeNames(), valueGetterSupplier2.storeNames());
            }
        };
    }

    static String[] union(String[] a, String[] b) {
        Set<String> stores = new LinkedHashSet<>(Set.of(a));
        stores.addAll(Set.of(b));
        return stores.toArray(new String[0]);
    }
}
