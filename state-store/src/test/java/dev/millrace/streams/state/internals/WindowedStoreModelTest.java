package dev.millrace.streams.state.internals;

import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.SessionStore;
import dev.millrace.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.util.Map;

/**
 * Random operation sequences on every window and session store kind (RocksDB in small segments and with Kafka
 * Streams' default segments, in memory, with and without duplicates, raw engines, built through the serde layer, behind the write cache)
 * against {@link WindowStoreModel} / {@link SessionStoreModel}, every read compared and the whole content compared
 * after each step. The logged variants run against a real broker in {@code WindowedChangelogRestoreTest}.
 */
class WindowedStoreModelTest {
    private static final int SEEDS = 2;
    private static final int STEPS = 1000;

    @TempDir
    Path dir;

    private SimpleStateStoreContext context(Map<String, Object> configs) {
        return new SimpleStateStoreContext("app", new TaskId(0, 1), dir.toFile(), configs);
    }

    @ParameterizedTest
    @EnumSource(WindowedStoreKind.Window.class)
    void windowStoresMatchTheModel(WindowedStoreKind.Window kind) {
        for (int seed = 0; seed < SEEDS; seed++) {
            WindowStore<Bytes, byte[]> store = kind.make("w" + seed, false);
            store.init(context(kind.configs()), store);
            try {
                new WindowStoreModel(kind.spec).run(store, seed, STEPS, kind.name());
            } finally {
                store.close();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(WindowedStoreKind.Session.class)
    void sessionStoresMatchTheModel(WindowedStoreKind.Session kind) {
        for (int seed = 0; seed < SEEDS; seed++) {
            SessionStore<Bytes, byte[]> store = kind.make("s" + seed, false);
            store.init(context(kind.configs()), store);
            try {
                new SessionStoreModel(kind.spec).run(store, seed, STEPS, kind.name());
            } finally {
                store.close();
            }
        }
    }
}
