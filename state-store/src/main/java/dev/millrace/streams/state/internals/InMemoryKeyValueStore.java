package dev.millrace.streams.state.internals;

import dev.millrace.streams.KeyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.kafka.common.utils.Bytes;

/**
 * A heap key-value store: a TreeMap ordered by {@link Bytes}' unsigned comparison. Not persistent; its changelog is
 * its durability. Scans copy the selected range, so an iterator is a point-in-time view.
 */
public class InMemoryKeyValueStore extends AbstractHeapKeyValueStore<TreeMap<Bytes, byte[]>> {

    public InMemoryKeyValueStore(String name) {
        super(name, new TreeMap<>());
    }

    @Override
    List<KeyValue<Bytes, byte[]>> select(Bytes from, Bytes to, byte[] prefix, boolean forward) {
        NavigableMap<Bytes, byte[]> sub = map;
        if (from != null) sub = sub.tailMap(from, true);
        if (to != null) sub = sub.headMap(to, true);
        if (prefix != null) {
            Bytes end = BytesRanges.prefixEnd(prefix);
            if (end != null) sub = sub.headMap(end, false);
        }
        if (!forward) sub = sub.descendingMap();
        List<KeyValue<Bytes, byte[]>> copy = new ArrayList<>(sub.size());
        for (Map.Entry<Bytes, byte[]> e : sub.entrySet()) copy.add(KeyValue.pair(e.getKey(), e.getValue()));
        return copy;
    }
}
