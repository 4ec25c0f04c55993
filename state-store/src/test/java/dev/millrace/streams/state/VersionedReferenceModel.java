package dev.millrace.streams.state;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The reference for versioned stores: per key, the latest version and a map of older versions by validFrom with
 * their validTo, in memory, with no segments and no bytes, following the rules Kafka Streams documents and its
 * store implements. A delete of the latest version at the latest's own timestamp leaves no tombstone unless an older
 * version ends there (Kafka Streams keeps tombstones only as the end of an older version or in a segment of their
 * own); a delete with nothing after it is kept as a point [t, t). Old versions are never dropped here: the retention
 * rule is applied on reads, which is all a caller can observe.
 */
final class VersionedReferenceModel {
    private record Latest(String value, long ts) {
    }

    private record Old(long to, String value) {
    }

    private final long retention;
    private long streamTime = -1;
    private final Map<String, Latest> latest = new HashMap<>();
    private final Map<String, TreeMap<Long, Old>> history = new HashMap<>();

    VersionedReferenceModel(long retention) {
        this.retention = retention;
    }

    long streamTime() {
        return streamTime;
    }

    private TreeMap<Long, Old> history(String key) {
        return history.computeIfAbsent(key, k -> new TreeMap<>());
    }

    long put(String key, String value, long t) {
        if (t < streamTime - retention) return VersionedKeyValueStore.PUT_RETURN_CODE_NOT_PUT;
        streamTime = Math.max(streamTime, t);
        return doPut(key, value, t);
    }

    private long doPut(String key, String value, long t) {
        TreeMap<Long, Old> h = history(key);
        Latest l = latest.get(key);
        if (l != null && t >= l.ts) {
            if (t > l.ts) h.put(l.ts, new Old(t, l.value));
            if (value != null) latest.put(key, new Latest(value, t));
            else latest.remove(key);
            return VersionedKeyValueStore.PUT_RETURN_CODE_VALID_TO_UNDEFINED;
        }
        Long validTo = l == null ? null : l.ts;
        for (Map.Entry<Long, Old> e : h.descendingMap().entrySet()) {
            long from = e.getKey();
            Old o = e.getValue();
            if (o.to <= t) break;
            if (from <= t) {
                if (from == t) {
                    h.put(from, new Old(o.to, value));
                } else {
                    h.put(from, new Old(t, o.value));
                    h.put(t, new Old(o.to, value));
                }
                return o.to;
            }
            validTo = from;
        }
        if (validTo == null) {
            if (value != null) {
                latest.put(key, new Latest(value, t));
            } else if (h.isEmpty() || h.lastEntry().getValue().to != t) {
                h.put(t, new Old(t, null));
            }
            return VersionedKeyValueStore.PUT_RETURN_CODE_VALID_TO_UNDEFINED;
        }
        h.put(t, new Old(validTo, value));
        return validTo;
    }

    VersionedRecord<String> delete(String key, long t) {
        if (t < streamTime - retention) return null;
        VersionedRecord<String> old = get(key, t);
        streamTime = Math.max(streamTime, t);
        doPut(key, null, t);
        return old;
    }

    VersionedRecord<String> get(String key) {
        Latest l = latest.get(key);
        return l == null ? null : new VersionedRecord<>(l.value, l.ts);
    }

    VersionedRecord<String> get(String key, long asOf) {
        Latest l = latest.get(key);
        if (l != null && l.ts <= asOf) return new VersionedRecord<>(l.value, l.ts);
        if (asOf < streamTime - retention) return null;
        for (Map.Entry<Long, Old> e : history(key).descendingMap().entrySet()) {
            Old o = e.getValue();
            if (o.to <= asOf) return null;
            if (e.getKey() > asOf) continue;
            return o.value == null ? null : new VersionedRecord<>(o.value, e.getKey(), o.to);
        }
        return null;
    }
}
