package dev.millrace.broker.it;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.server.MillraceServer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A real broker in this JVM on an ephemeral port, with its logs in a test directory, and kafka-clients
 * factories pointed at it. {@link #restart()} closes cleanly and starts again on the same logs.
 */
public final class BrokerHarness implements AutoCloseable {
    private final Path logDir;
    private final Map<String, String> overrides;
    private MillraceServer server;

    public BrokerHarness(Path logDir, Map<String, String> overrides) throws InterruptedException {
        this.logDir = logDir;
        this.overrides = new HashMap<>(overrides);
        start();
    }

    public BrokerHarness(Path logDir) throws InterruptedException {
        this(logDir, Map.of());
    }

    private void start() throws InterruptedException {
        Map<String, String> config = new HashMap<>();
        config.put("listeners", "PLAINTEXT://127.0.0.1:0");
        config.put("log.dirs", logDir.toString());
        config.put("num.io.threads", "2");
        config.put("num.network.threads", "2");
        config.putAll(overrides);
        server = MillraceServer.start(BrokerConfig.parse(config));
    }

    public void restart() throws InterruptedException {
        server.close();
        overrides.put("listeners", "PLAINTEXT://127.0.0.1:" + server.port());
        start();
    }

    public String bootstrap() {
        return server.bootstrapServers();
    }

    public int port() {
        return server.port();
    }

    public String transport() {
        return server.transport();
    }

    public Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return Admin.create(p);
    }

    public KafkaProducer<byte[], byte[]> producer(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        p.putAll(extra);
        return new KafkaProducer<>(p);
    }

    public KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> extra) {
        Map<String, Object> p = new HashMap<>();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.putAll(extra);
        return new KafkaConsumer<>(p);
    }

    @Override
    public void close() {
        server.close();
    }
}
