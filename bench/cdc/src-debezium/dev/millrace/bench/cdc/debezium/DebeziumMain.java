package dev.millrace.bench.cdc.debezium;

import io.debezium.embedded.Connect;
import io.debezium.engine.DebeziumEngine;
import io.debezium.engine.RecordChangeEvent;
import io.debezium.engine.format.ChangeEventFormat;
import java.io.BufferedReader;
import java.io.FileReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Debezium's embedded engine (its default builder, the asynchronous engine) with Debezium's PostgreSQL connector,
 * in a JVM of its own because Debezium 3.6.1 needs Kafka 4.3's clients and Millrace ships 4.4's. It writes into
 * the benchmark's broker the way Debezium Server's Kafka sink does: each batch is converted with Kafka Connect's
 * JsonConverter (schemas enabled, Connect's default, as Millrace's worker), sent with a producer set as Millrace's
 * worker sets its own (idempotent, acks=all, linger.ms=5), and marked processed once the broker acknowledged the
 * whole batch, so offsets are committed only for what the broker has, as Millrace does.
 *
 * <p>{@code DebeziumMain BOOTSTRAP}: one JVM for a whole benchmark run, as Millrace's connector lives in the
 * benchmark's JVM for the whole run. Prints READY once its producer is up; on standard input, {@code GO FILE}
 * starts an engine with the connector config in that properties file, {@code STOP} stops it and prints STOPPED,
 * end of input exits.
 */
public final class DebeziumMain {
    private DebeziumMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, Object> p = new HashMap<>();
        p.put("bootstrap.servers", args[0]);
        p.put("enable.idempotence", "true");
        p.put("acks", "all");
        p.put("linger.ms", "5");
        p.put("client.id", "debezium");
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(),
                new ByteArraySerializer());
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of(), true);
        JsonConverter values = new JsonConverter();
        values.configure(Map.of(), false);
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("READY");
        System.out.flush();
        DebeziumEngine<RecordChangeEvent<SourceRecord>> engine = null;
        ExecutorService executor = null;
        String line;
        while ((line = stdin.readLine()) != null) {
            if (line.startsWith("GO ")) {
                Properties props = new Properties();
                try (FileReader in = new FileReader(line.substring(3), StandardCharsets.UTF_8)) {
                    props.load(in);
                }
                engine = build(props, producer, keys, values);
                executor = Executors.newSingleThreadExecutor();
                executor.execute(engine);
            } else if (line.equals("STOP") && engine != null) {
                engine.close();
                executor.shutdown();
                executor.awaitTermination(60, TimeUnit.SECONDS);
                engine = null;
                System.out.println("STOPPED");
                System.out.flush();
            }
        }
        producer.close();
        System.exit(0);
    }

    private static DebeziumEngine<RecordChangeEvent<SourceRecord>> build(Properties props,
            KafkaProducer<byte[], byte[]> producer, JsonConverter keys, JsonConverter values) {
        return DebeziumEngine
                .create(ChangeEventFormat.of(Connect.class))
                .using(props)
                .using((success, message, error) -> {
                    if (!success) {
                        System.err.println("debezium: engine failed: " + message);
                        if (error != null) {
                            error.printStackTrace();
                        }
                    }
                })
                .notifying((List<RecordChangeEvent<SourceRecord>> batch,
                        DebeziumEngine.RecordCommitter<RecordChangeEvent<SourceRecord>> committer) -> {
                    CountDownLatch acked = new CountDownLatch(batch.size());
                    AtomicReference<Exception> sendError = new AtomicReference<>();
                    for (RecordChangeEvent<SourceRecord> event : batch) {
                        SourceRecord r = event.record();
                        byte[] key = keys.fromConnectData(r.topic(), r.keySchema(), r.key());
                        byte[] value = values.fromConnectData(r.topic(), r.valueSchema(), r.value());
                        producer.send(new ProducerRecord<>(r.topic(), r.kafkaPartition(), r.timestamp(), key, value),
                                (md, e) -> {
                                    if (e != null) {
                                        sendError.set(e);
                                    }
                                    acked.countDown();
                                });
                    }
                    acked.await();
                    if (sendError.get() != null) {
                        throw new IllegalStateException("send failed", sendError.get());
                    }
                    for (RecordChangeEvent<SourceRecord> event : batch) {
                        committer.markProcessed(event);
                    }
                    committer.markBatchFinished();
                })
                .build();
    }
}
