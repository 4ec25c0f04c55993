package dev.millrace.streams.processor.api;

/** For the runtime only: converts between {@link Record} and {@link FixedKeyRecord}, whose constructor is hidden. */
public final class InternalFixedKeyRecordFactory {
    private InternalFixedKeyRecordFactory() {
    }

    public static <K, V> FixedKeyRecord<K, V> create(Record<K, V> record) {
        return new FixedKeyRecord<>(record.key(), record.value(), record.timestamp(), record.headers());
    }

    public static <K, V> Record<K, V> toRecord(FixedKeyRecord<K, V> record) {
        return record.toRecord();
    }
}
