package dev.millrace.connect.runtime;

import dev.millrace.connect.errors.ConnectException;
import dev.millrace.connect.runtime.rest.RestServer;
import dev.millrace.connect.runtime.store.ConfigStore;
import dev.millrace.connect.runtime.store.InternalTopics;
import dev.millrace.connect.runtime.store.OffsetStore;
import dev.millrace.connect.runtime.store.StatusStore;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One connector worker: creates and reads back its config, offset and status topics, restarts the connectors the
 * config topic holds, and serves the REST API. Used standalone ({@link ConnectMain}) and inside the broker process.
 * {@link #close()} stops the REST API, then the connectors (their tasks commit offsets), then the clients.
 */
public final class ConnectRuntime implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConnectRuntime.class);
    public static final String VERSION = "0.1.0";

    private final Admin admin;
    private final InternalTopics topics;
    private final Herder herder;
    private final RestServer rest;

    private ConnectRuntime(Admin admin, InternalTopics topics, Herder herder, RestServer rest) {
        this.admin = admin;
        this.topics = topics;
        this.herder = herder;
        this.rest = rest;
    }

    public static ConnectRuntime start(WorkerConfig config) {
        return start(config, ConnectorPlugins.load());
    }

    public static ConnectRuntime start(WorkerConfig config, ConnectorPlugins plugins) {
        Map<String, Object> clientConfig = new HashMap<>();
        clientConfig.put("bootstrap.servers", config.get(WorkerConfig.BOOTSTRAP_SERVERS));
        Map<String, Object> adminConfig = new HashMap<>(clientConfig);
        adminConfig.putAll(config.withPrefix("admin."));
        long startedAt = System.nanoTime();
        Admin admin = Admin.create(adminConfig);
        InternalTopics topics = null;
        Herder herder = null;
        try {
            String clusterId = admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            Map<String, Object> readerConfig = new HashMap<>(clientConfig);
            readerConfig.putAll(config.withPrefix("consumer."));
            topics = new InternalTopics(readerConfig, config.withPrefix("producer."));
            String offsetTopic = config.get(WorkerConfig.OFFSET_STORAGE_TOPIC);
            String configTopic = config.get(WorkerConfig.CONFIG_STORAGE_TOPIC);
            String statusTopic = config.get(WorkerConfig.STATUS_STORAGE_TOPIC);
            topics.ensureCompacted(admin, offsetTopic, config.intValue("offset.storage.partitions"),
                    (short) config.intValue("offset.storage.replication.factor"));
            topics.ensureCompacted(admin, configTopic, 1, (short) config.intValue("config.storage.replication.factor"));
            topics.ensureCompacted(admin, statusTopic, config.intValue("status.storage.partitions"),
                    (short) config.intValue("status.storage.replication.factor"));
            OffsetStore offsets = new OffsetStore(topics, offsetTopic);
            offsets.load();
            String workerId = config.restHost() + ":" + config.restPort();
            herder = new Herder(config, plugins, new ConfigStore(topics, configTopic), offsets,
                    new StatusStore(topics, statusTopic), admin, workerId);
            herder.startStored();
            RestServer rest = RestServer.start(config.restHost(), config.restPort(), herder, VERSION, clusterId);
            log.info("Connect worker started in {} ms: REST API on {}, {} connector(s) restored, plugins {}",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt), rest.url(),
                    herder.connectorNames().size(), plugins.all().stream().map(p -> p.type().getSimpleName()).toList());
            return new ConnectRuntime(admin, topics, herder, rest);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(herder, topics, admin);
            throw new ConnectException("Interrupted while starting the connect worker", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            closeQuietly(herder, topics, admin);
            throw new ConnectException("Could not reach the Kafka cluster at bootstrap.servers="
                    + config.get(WorkerConfig.BOOTSTRAP_SERVERS) + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            closeQuietly(herder, topics, admin);
            if (e.getCause() instanceof java.net.BindException) {
                throw new ConnectException("Could not bind the REST API to " + config.restHost() + ":"
                        + config.restPort() + " (" + e.getCause().getMessage() + "): set rest.port or listeners", e);
            }
            throw e;
        } catch (Exception e) {
            closeQuietly(herder, topics, admin);
            if (e instanceof java.net.BindException) {
                throw new ConnectException("Could not bind the REST API to " + config.restHost() + ":"
                        + config.restPort() + " (" + e.getMessage() + "): set rest.port or listeners", e);
            }
            throw new ConnectException("Could not start the connect worker: " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(Herder herder, InternalTopics topics, Admin admin) {
        if (herder != null) {
            herder.close();
        }
        if (topics != null) {
            topics.close();
        }
        admin.close(Duration.ofSeconds(5));
    }

    public Herder herder() {
        return herder;
    }

    public int restPort() {
        return rest.port();
    }

    public String restUrl() {
        return rest.url();
    }

    @Override
    public void close() {
        rest.close();
        herder.close();
        topics.close();
        admin.close(Duration.ofSeconds(5));
        log.info("Connect worker stopped");
    }
}
