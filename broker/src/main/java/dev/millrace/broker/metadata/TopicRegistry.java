package dev.millrace.broker.metadata;

import dev.millrace.broker.protocol.types.Uuid;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The topics of this broker. Reads come from any thread; changes come from the single metadata thread and
 * are persisted before they become visible.
 */
public final class TopicRegistry {
    private final TopicStore store;
    private final Map<String, TopicInfo> byName = new ConcurrentHashMap<>();
    private final Map<Uuid, TopicInfo> byId = new ConcurrentHashMap<>();

    public TopicRegistry(Path metadataDir) {
        this.store = new TopicStore(metadataDir);
        for (TopicInfo topic : store.loadAll()) {
            index(topic);
        }
    }

    public TopicInfo get(String name) {
        return byName.get(name);
    }

    public TopicInfo get(Uuid id) {
        return byId.get(id);
    }

    public Collection<TopicInfo> all() {
        return byName.values();
    }

    /** The existing topic whose name collides with {@code name} on '.' versus '_', if any. */
    public TopicInfo collidingWith(String name) {
        String key = TopicNames.collisionKey(name);
        for (TopicInfo t : byName.values()) {
            if (!t.name().equals(name) && TopicNames.collisionKey(t.name()).equals(key)) {
                return t;
            }
        }
        return null;
    }

    /** Records a new topic or a changed one. */
    public void put(TopicInfo topic) {
        store.save(topic);
        index(topic);
    }

    public void remove(String name) {
        TopicInfo old = byName.get(name);
        if (old == null) {
            return;
        }
        store.delete(name);
        byName.remove(name);
        byId.remove(old.id());
    }

    private void index(TopicInfo topic) {
        byName.put(topic.name(), topic);
        byId.put(topic.id(), topic);
    }
}
