package dev.millrace.broker.server;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.config.ConfigException;
import dev.millrace.broker.config.Endpoint;
import dev.millrace.broker.controller.TopicController;
import dev.millrace.broker.group.GroupConfig;
import dev.millrace.broker.group.GroupCoordinator;
import dev.millrace.broker.group.OffsetsTopic;
import dev.millrace.broker.handler.HandlerRegistry;
import dev.millrace.broker.handler.Handlers;
import dev.millrace.broker.log.LogManager;
import dev.millrace.broker.metadata.BrokerIdentity;
import dev.millrace.broker.metadata.MetaProperties;
import dev.millrace.broker.metadata.ProducerIdAllocator;
import dev.millrace.broker.metadata.TopicRegistry;
import dev.millrace.broker.network.SocketServer;
import dev.millrace.broker.partition.PartitionManager;
import io.netty.util.ResourceLeakDetector;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single Millrace node: loads (and recovers) the logs, then serves Kafka clients. {@link #main} is the
 * {@code millrace start} entry point; tests embed it with {@link #start(BrokerConfig)} on an ephemeral port.
 */
public final class MillraceServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MillraceServer.class);

    /** The name of the directory, inside the first log dir, that holds topic metadata and producer ids. */
    public static final String METADATA_DIR = "millrace-metadata";

    private final ScheduledThreadPoolExecutor scheduler;
    private final PartitionManager partitions;
    private final TopicController controller;
    private final SocketServer socketServer;
    private final BrokerIdentity identity;
    private final GroupCoordinator groups;
    private boolean closed;

    private MillraceServer(ScheduledThreadPoolExecutor scheduler, PartitionManager partitions,
                           TopicController controller, SocketServer socketServer, BrokerIdentity identity,
                           GroupCoordinator groups) {
        this.groups = groups;
        this.scheduler = scheduler;
        this.partitions = partitions;
        this.controller = controller;
        this.socketServer = socketServer;
        this.identity = identity;
    }

    public static MillraceServer start(BrokerConfig config) throws InterruptedException {
        List<Path> logDirs = config.logDirs();
        for (Path dir : logDirs) {
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create log directory " + dir, e);
            }
        }
        MetaProperties meta = MetaProperties.loadOrCreate(logDirs.get(0), config.nodeId());
        for (Path dir : logDirs.subList(1, logDirs.size())) {
            MetaProperties other = MetaProperties.loadOrCreate(dir, config.nodeId());
            if (!other.clusterId().equals(meta.clusterId())) {
                throw new IllegalStateException("Log directory " + dir + " belongs to cluster " + other.clusterId()
                        + ", not " + meta.clusterId());
            }
        }
        Path metadataDir = logDirs.get(0).resolve(METADATA_DIR);

        TopicRegistry topics = new TopicRegistry(metadataDir);
        Map<String, String> logSettings = new HashMap<>(config.logDefaults());
        logSettings.put(LogManager.PRODUCER_ID_EXPIRATION_MS, Integer.toString(config.producerIdExpirationMs()));
        LogManager logManager = new LogManager(logDirs, logSettings, System::currentTimeMillis);
        // Recovery of every partition found on disk happens here, before any client connects.
        logManager.startup(name -> topics.get(name) != null
                ? logManager.configFor(topics.get(name).configs()) : logManager.defaultConfig());
        PartitionManager partitions = new PartitionManager(logManager, config);
        TopicController controller = new TopicController(topics, partitions, config);
        controller.loadTopics();
        partitions.deleteOrphans(topics);

        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "millrace-scheduler");
            t.setDaemon(true);
            return t;
        });
        // Parked fetches cancel their timeout when data arrives first; drop those at once. At shutdown the
        // remaining timeouts are run early (see close), so every parked request is answered.
        scheduler.setRemoveOnCancelPolicy(true);
        scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        partitions.scheduleMaintenance(scheduler);

        // The group coordinator loads __consumer_offsets in the background; until a partition is loaded its
        // groups answer COORDINATOR_LOAD_IN_PROGRESS, so clients can connect at once.
        GroupCoordinator groups = new GroupCoordinator(GroupConfig.of(config),
                new OffsetsTopic(topics, partitions, controller, config.offsetsTopicNumPartitions()),
                System::currentTimeMillis);
        groups.startup();

        Endpoint listener = config.listeners().get(0);
        Endpoint advertised = config.advertisedListener();
        // The identity is complete only once the port is bound (port 0 picks one), so handlers read it late.
        AtomicReference<BrokerIdentity> identity = new AtomicReference<>();
        SocketServer socketServer;
        try {
            HandlerRegistry handlers = Handlers.create(config, identity::get, topics, partitions,
                    controller, new ProducerIdAllocator(metadataDir), scheduler, groups);
            socketServer = SocketServer.start(listener.host(), listener.port(), config.numNetworkThreads(),
                    config.socketRequestMaxBytes(), config.socketSendBufferBytes(),
                    config.socketReceiveBufferBytes(), handlers);
        } catch (RuntimeException | InterruptedException e) {
            groups.close();
            controller.close();
            partitions.close();
            scheduler.shutdownNow();
            throw e;
        }
        log.info("Listening on {}:{} with the {} transport", listener.host(), socketServer.port(), socketServer.transport());
        int port = advertised.port() == 0 ? socketServer.port() : advertised.port();
        identity.set(new BrokerIdentity(config.nodeId(), advertised.host(), port, meta.clusterId()));
        return new MillraceServer(scheduler, partitions, controller, socketServer, identity.get(), groups);
    }

    public int port() {
        return socketServer.port();
    }

    /** The listener's socket transport: "epoll" (Linux's native one) or "nio". */
    public String transport() {
        return socketServer.transport();
    }

    public BrokerIdentity identity() {
        return identity;
    }

    public String bootstrapServers() {
        return identity.host() + ":" + identity.port();
    }

    /**
     * Clean shutdown: stop accepting, let in-flight requests finish, then flush and close every log and
     * write the clean-shutdown marker so the next start skips recovery.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        socketServer.stopAccepting();
        groups.close();
        expireDelayedTasks();
        socketServer.close();
        // Fetches parked while the connections were closing: their answer has nowhere to go, but running
        // them releases their request buffers.
        expireDelayedTasks();
        controller.close();
        // Not shutdownNow: interrupting a thread in the middle of a file read would close the log's channel.
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        partitions.close();
    }

    /**
     * Runs the pending one-shot timeouts (parked fetches) now, while connections are still open, so each
     * parked request is answered and its buffer released instead of waiting out its max wait.
     */
    private void expireDelayedTasks() {
        for (Runnable task : scheduler.getQueue().toArray(Runnable[]::new)) {
            if (task instanceof RunnableScheduledFuture<?> f && !f.isPeriodic() && scheduler.remove(task)) {
                f.run();
            }
        }
    }

    /** Netty's system property for its leak detector; when the user sets it, that setting wins. */
    static final String LEAK_DETECTION_PROPERTY = "io.netty.leakDetection.level";

    /**
     * Netty's default leak detector samples one buffer in 128 and records a stack trace for it, on every
     * allocation path of the broker. Tests run with it at paranoid level (see the root pom) to prove the
     * reference counting; a production broker turns it off unless {@code -Dio.netty.leakDetection.level}
     * asks for a level.
     */
    static void disableLeakDetectionUnlessAsked() {
        if (System.getProperty(LEAK_DETECTION_PROPERTY) == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
    }

    public static void main(String[] args) {
        startFromCommandLine(args, () -> { });
    }

    /**
     * What {@code main} does: parses {@code [--config FILE] [--override key=value]...}, starts the server and prints
     * the start-up line, exiting with 2 for a bad command line or config and 1 when start-up fails. At JVM exit,
     * {@code beforeClose} runs before the server closes: a distribution stops what it runs on top of the broker first.
     */
    public static MillraceServer startFromCommandLine(String[] args, Runnable beforeClose) {
        disableLeakDetectionUnlessAsked();
        BrokerConfig config;
        try {
            Map<String, String> values = ServerArguments.parse(args);
            config = BrokerConfig.parse(values);
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("millrace: " + e.getMessage());
            System.exit(2);
            return null;
        }
        if (!config.ignoredKeys().isEmpty()) {
            log.info("Accepted without effect on a single node: {}", config.ignoredKeys());
        }
        long startedAt = System.nanoTime();
        MillraceServer server;
        try {
            server = start(config);
        } catch (Exception e) {
            log.error("Millrace failed to start", e);
            System.err.println("millrace: failed to start: " + e.getMessage());
            System.exit(1);
            return null;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Shutting down");
            try {
                beforeClose.run();
            } catch (RuntimeException e) {
                log.warn("Stopping what runs on the broker failed", e);
            }
            server.close();
            log.info("Shut down cleanly");
        }, "millrace-shutdown"));
        System.out.printf("Millrace started: node %d serving Kafka clients on %s (cluster id %s, log dirs %s, %d ms)%n",
                config.nodeId(), server.bootstrapServers(), server.identity().clusterId(), config.logDirs(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt));
        System.out.flush();
        return server;
    }
}
