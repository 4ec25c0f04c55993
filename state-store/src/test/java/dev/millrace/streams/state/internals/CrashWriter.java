package dev.millrace.streams.state.internals;

import dev.millrace.streams.processor.TaskId;
import dev.millrace.streams.state.KeyValueStore;
import dev.millrace.streams.state.Stores;
import org.apache.kafka.common.serialization.Serdes;

import java.io.File;
import java.util.Map;
import java.util.Random;

/**
 * The process {@link ProcessCrashRestoreTest} kills with -9: writes a deterministic sequence of puts and deletes
 * through a changelogged RocksDB store for ever, committing (flush: producer acks, store, checkpoint) every
 * {@link #COMMIT_EVERY} operations and printing {@code acked <n>} after each commit. Half-way between commits it
 * waits for the producer's acks without committing and prints {@code sent <n>}: the state a crash usually finds,
 * with acknowledged changelog records newer than the checkpoint and missing from the store's files.
 */
public final class CrashWriter {
    /** Commits made before the writer stops half-way to the next one and waits to be killed. */
    static final int KILL_AFTER_COMMITS = 20;
    static final int COMMIT_EVERY = 500;
    static final int KEYS = 2000;

    /** Operation {@code i} of the sequence: the key, and the value or null for a delete. */
    static String[] op(Random random, int i) {
        String key = "k" + random.nextInt(KEYS);
        return new String[] {key, random.nextInt(6) == 0 ? null : "v" + i};
    }

    private static void parkUntilKilled() {
        while (true) {
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException ignored) {
                // only the kill ends this process
            }
        }
    }

    public static void main(String[] args) {
        String bootstrap = args[0];
        File stateRoot = new File(args[1]);
        String app = args[2];
        StandaloneStateStoreContext ctx = new StandaloneStateStoreContext(app, new TaskId(0, 0), stateRoot,
                Map.of("bootstrap.servers", bootstrap), null);
        KeyValueStore<String, String> store = Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore("crash"), Serdes.String(), Serdes.String()).build();
        store.init(ctx, store);
        Random random = new Random(42);
        for (int i = 0; ; i++) {
            String[] op = op(random, i);
            if (op[1] == null) store.delete(op[0]);
            else store.put(op[0], op[1]);
            if ((i + 1) % COMMIT_EVERY == 0) {
                store.flush();
                System.out.println("acked " + (i + 1));
                System.out.flush();
            } else if ((i + 1) % COMMIT_EVERY == COMMIT_EVERY / 2) {
                ctx.recordCollector().flush();
                System.out.println("sent " + (i + 1));
                System.out.flush();
                // wait here for the kill: on a loaded machine the killer could otherwise see the next commit land first
                if (i + 1 > KILL_AFTER_COMMITS * COMMIT_EVERY) parkUntilKilled();
            }
        }
    }
}
