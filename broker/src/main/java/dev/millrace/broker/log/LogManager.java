package dev.millrace.broker.log;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns every partition log under the broker's {@code log.dirs}: one directory per partition named
 * {@code <topic>-<partition>} (Kafka's layout), spread over the log dirs by partition count.
 *
 * <p>Start-up loads each log dir's partitions; a log dir that carries the clean-shutdown marker
 * ({@value #CLEAN_SHUTDOWN_FILE}, written by {@link #shutdown()}) skips recovery, and the marker is
 * removed once its logs are loaded, so a crash from then on is detected at the next start. Each log dir
 * is held with a {@code .lock} file lock so two brokers cannot share it.
 *
 * <p>Threading: the map of logs is concurrent; creation and deletion synchronize on this manager.
 * {@link #runRetention()} and {@link #runFlush()} call into every log from the calling thread; a server
 * that pins partitions to I/O threads should instead schedule {@link PartitionLog#deleteExpiredSegments()},
 * {@link PartitionLog#removeExpiredProducers()} and {@link PartitionLog#maybeFlush()} on each owner
 * (both are correct, since mutations also take the log's lock).
 */
public final class LogManager {
    private static final Logger LOG = LoggerFactory.getLogger(LogManager.class);

    /** Marker of a clean shutdown in each log dir (Kafka's is .kafka_cleanshutdown). */
    public static final String CLEAN_SHUTDOWN_FILE = ".millrace_clean_shutdown";
    static final String LOCK_FILE = ".lock";
    /** Broker key for the idle time after which idempotent producer state is dropped. */
    public static final String PRODUCER_ID_EXPIRATION_MS = "producer.id.expiration.ms";

    private final List<Path> logDirs;
    private final Map<String, String> brokerConfig;
    private final LongSupplier clock;
    private final long producerIdExpirationMs;
    private final Map<String, PartitionLog> logs = new ConcurrentHashMap<>();
    private final List<FileLock> dirLocks = new ArrayList<>();
    private boolean started;

    /**
     * @param logDirs the broker's log.dirs
     * @param brokerConfig broker properties: log-level defaults (log.retention.ms, log.segment.bytes, ...)
     *     for {@link #defaultConfig()}, and producer.id.expiration.ms
     * @param clockMs wall clock in milliseconds
     */
    public LogManager(List<Path> logDirs, Map<String, String> brokerConfig, LongSupplier clockMs) {
        if (logDirs.isEmpty()) {
            throw new IllegalArgumentException("At least one log dir is required");
        }
        this.logDirs = List.copyOf(logDirs);
        this.brokerConfig = Map.copyOf(brokerConfig);
        this.clock = clockMs;
        String expiration = brokerConfig.get(PRODUCER_ID_EXPIRATION_MS);
        this.producerIdExpirationMs = expiration == null
                ? ProducerStateManager.DEFAULT_PRODUCER_ID_EXPIRATION_MS : Long.parseLong(expiration.trim());
    }

    /** The config of a topic without overrides: broker-level values over Kafka defaults. */
    public LogConfig defaultConfig() {
        return LogConfig.of(Map.of(), brokerConfig);
    }

    /** A topic's config from its overrides, on top of this broker's defaults. */
    public LogConfig configFor(Map<String, String> topicOverrides) {
        return LogConfig.of(topicOverrides, brokerConfig);
    }

    /** Loads every partition found, each topic with {@link #defaultConfig()}. */
    public void startup() {
        LogConfig defaults = defaultConfig();
        startup(topic -> defaults);
    }

    /**
     * Loads every partition directory under every log dir, recovering those of a dir without the
     * clean-shutdown marker.
     *
     * @param configForTopic the config of each topic found (from the cluster metadata)
     */
    public synchronized void startup(Function<String, LogConfig> configForTopic) {
        if (started) {
            throw new IllegalStateException("LogManager already started");
        }
        for (Path logDir : logDirs) {
            try {
                Files.createDirectories(logDir);
                lockDir(logDir);
                Path marker = logDir.resolve(CLEAN_SHUTDOWN_FILE);
                boolean clean = Files.exists(marker);
                List<Path> partitionDirs = partitionDirs(logDir);
                if (!clean && !partitionDirs.isEmpty()) {
                    LOG.info("No clean shutdown marker in {}: logs will be recovered", logDir);
                }
                for (Path partitionDir : partitionDirs) {
                    String name = partitionDir.getFileName().toString();
                    String topic = topicOf(name);
                    String key = name;
                    if (logs.containsKey(key)) {
                        throw new LogStorageException("Partition " + name + " exists in two log dirs: "
                                + logs.get(key).dir() + " and " + partitionDir);
                    }
                    PartitionLog log = PartitionLog.open(partitionDir, configForTopic.apply(topic), clean, clock,
                            producerIdExpirationMs);
                    logs.put(key, log);
                }
                Files.deleteIfExists(marker);
                CheckpointFile.fsyncDirectory(logDir);
            } catch (IOException e) {
                throw new LogStorageException("Cannot load log dir " + logDir, e);
            }
        }
        started = true;
    }

    private void lockDir(Path logDir) throws IOException {
        FileChannel channel = FileChannel.open(logDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            channel.close();
            throw new LogStorageException("Log dir " + logDir + " is in use by another broker");
        }
        dirLocks.add(lock);
    }

    private static List<Path> partitionDirs(Path logDir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(logDir, Files::isDirectory)) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (!name.startsWith(".") && parsePartition(name) >= 0) {
                    out.add(p);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** The log of a partition, creating its directory (in the least loaded log dir) when new. */
    public synchronized PartitionLog getOrCreate(String topic, int partition, LogConfig config) {
        String key = dirName(topic, partition);
        PartitionLog existing = logs.get(key);
        if (existing != null) {
            return existing;
        }
        PartitionLog log = PartitionLog.open(leastLoadedDir().resolve(key), config, true, clock, producerIdExpirationMs);
        logs.put(key, log);
        return log;
    }

    public PartitionLog get(String topic, int partition) {
        return logs.get(dirName(topic, partition));
    }

    /** Closes and deletes a partition's log and directory; false when there was none. */
    public synchronized boolean delete(String topic, int partition) {
        PartitionLog log = logs.remove(dirName(topic, partition));
        if (log == null) {
            return false;
        }
        log.delete();
        return true;
    }

    public Collection<PartitionLog> all() {
        return logs.values();
    }

    /** Retention over every log, from the calling thread. Returns segments deleted. */
    public int runRetention() {
        int deleted = 0;
        for (PartitionLog log : logs.values()) {
            try {
                deleted += log.deleteExpiredSegments();
                log.removeExpiredProducers();
            } catch (RuntimeException e) {
                LOG.error("Retention failed for {}", log, e);
            }
        }
        return deleted;
    }

    /** Periodic flush and checkpoint over every log, from the calling thread. */
    public void runFlush() {
        for (PartitionLog log : logs.values()) {
            try {
                log.maybeFlush();
            } catch (RuntimeException e) {
                LOG.error("Flush failed for {}", log, e);
            }
        }
    }

    /** Flushes and closes every log, then marks each log dir cleanly shut down. */
    public synchronized void shutdown() {
        boolean allClosed = true;
        for (PartitionLog log : logs.values()) {
            try {
                log.close();
            } catch (RuntimeException e) {
                allClosed = false;
                LOG.error("Closing {} failed", log, e);
            }
        }
        logs.clear();
        for (Path logDir : logDirs) {
            if (!allClosed) {
                break;
            }
            try {
                Files.createFile(logDir.resolve(CLEAN_SHUTDOWN_FILE));
                CheckpointFile.fsyncDirectory(logDir);
            } catch (java.nio.file.FileAlreadyExistsException ignored) {
                // already marked
            } catch (IOException e) {
                LOG.error("Cannot write the clean shutdown marker in {}", logDir, e);
            }
        }
        for (FileLock lock : dirLocks) {
            try {
                lock.release();
                lock.channel().close();
            } catch (IOException e) {
                LOG.warn("Cannot release the lock of a log dir: {}", e.toString());
            }
        }
        dirLocks.clear();
        started = false;
    }

    private Path leastLoadedDir() {
        Map<Path, Integer> counts = new HashMap<>();
        for (Path d : logDirs) {
            counts.put(d, 0);
        }
        for (PartitionLog log : logs.values()) {
            counts.computeIfPresent(log.dir().getParent(), (d, n) -> n + 1);
        }
        Path best = logDirs.get(0);
        for (Path d : logDirs) {
            if (counts.get(d) < counts.get(best)) {
                best = d;
            }
        }
        return best;
    }

    /** Kafka's directory name of a partition. */
    public static String dirName(String topic, int partition) {
        return topic + "-" + partition;
    }

    /** The topic of a {@code <topic>-<partition>} directory name. */
    public static String topicOf(String dirName) {
        return dirName.substring(0, dirName.lastIndexOf('-'));
    }

    /** The partition of a {@code <topic>-<partition>} directory name, or -1 when it is not one. */
    public static int parsePartition(String dirName) {
        int dash = dirName.lastIndexOf('-');
        if (dash <= 0 || dash == dirName.length() - 1) {
            return -1;
        }
        try {
            return Integer.parseInt(dirName.substring(dash + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
