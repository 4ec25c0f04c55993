package dev.millrace.broker.group;

import dev.millrace.broker.partition.TopicPartition;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

/**
 * Committed offsets by group and partition, as last written to {@code __consumer_offsets}. Owned by the
 * coordinator thread; updated only after the records are in the log (or while replaying it).
 */
final class OffsetStore {
    private final Map<String, Map<TopicPartition, CommittedOffset>> byGroup = new HashMap<>();

    CommittedOffset get(String group, TopicPartition tp) {
        Map<TopicPartition, CommittedOffset> offsets = byGroup.get(group);
        return offsets == null ? null : offsets.get(tp);
    }

    Map<TopicPartition, CommittedOffset> all(String group) {
        Map<TopicPartition, CommittedOffset> offsets = byGroup.get(group);
        return offsets == null ? Map.of() : Collections.unmodifiableMap(offsets);
    }

    boolean hasOffsets(String group) {
        Map<TopicPartition, CommittedOffset> offsets = byGroup.get(group);
        return offsets != null && !offsets.isEmpty();
    }

    Set<String> groups() {
        return byGroup.keySet();
    }

    void put(String group, TopicPartition tp, CommittedOffset offset) {
        byGroup.computeIfAbsent(group, g -> new LinkedHashMap<>()).put(tp, offset);
    }

    void remove(String group, TopicPartition tp) {
        Map<TopicPartition, CommittedOffset> offsets = byGroup.get(group);
        if (offsets != null) {
            offsets.remove(tp);
            if (offsets.isEmpty()) {
                byGroup.remove(group);
            }
        }
    }

    void removeGroup(String group) {
        byGroup.remove(group);
    }

    /**
     * The offsets of {@code group} that have expired at {@code nowMs}: an explicit expire timestamp when the
     * commit carried one, otherwise {@code retentionMs} after the later of the commit and the moment the
     * group became empty ({@code emptySinceMs}, or -1 for a group that is not empty, whose offsets with no
     * explicit expiry never expire).
     */
    List<TopicPartition> expired(String group, long nowMs, long retentionMs, long emptySinceMs) {
        List<TopicPartition> out = new ArrayList<>();
        Map<TopicPartition, CommittedOffset> offsets = byGroup.get(group);
        if (offsets == null) {
            return out;
        }
        for (Iterator<Map.Entry<TopicPartition, CommittedOffset>> it = offsets.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<TopicPartition, CommittedOffset> e = it.next();
            CommittedOffset o = e.getValue();
            boolean expired;
            if (o.expireTimestamp() >= 0) {
                expired = nowMs >= o.expireTimestamp();
            } else if (emptySinceMs >= 0) {
                expired = nowMs >= Math.max(emptySinceMs, o.commitTimestamp()) + retentionMs;
            } else {
                expired = false;
            }
            if (expired) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
