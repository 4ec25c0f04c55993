package dev.millrace.streams.state;

/** The reference model for tests in other packages; answers as the store's users see them (no validTo). */
public final class VersionedReferenceModelAccess {
    private final VersionedReferenceModel model;

    public VersionedReferenceModelAccess(long retention) {
        this.model = new VersionedReferenceModel(retention);
    }

    private static VersionedRecord<String> plain(VersionedRecord<String> r) {
        return r == null ? null : new VersionedRecord<>(r.value(), r.timestamp());
    }

    public long put(String key, String value, long timestamp) {
        return model.put(key, value, timestamp);
    }

    public VersionedRecord<String> delete(String key, long timestamp) {
        return plain(model.delete(key, timestamp));
    }

    public VersionedRecord<String> get(String key) {
        return model.get(key);
    }

    public VersionedRecord<String> get(String key, long asOf) {
        return plain(model.get(key, asOf));
    }

    public long streamTime() {
        return model.streamTime();
    }
}
