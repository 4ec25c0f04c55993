package dev.millrace.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Load that one ProducerPerformance process cannot make: many producer instances at once, each writing
 * round-robin across several topics. Written for the benchmark harness (bench/run.sh) against the public
 * client API of kafka-clients only. Usage:
 *
 * <pre>MultiProducer BOOTSTRAP TOPIC[,TOPIC...] PRODUCERS TOTAL_RECORDS RECORD_SIZE [key=value ...]</pre>
 *
 * Prints one summary line in the format of Kafka's ProducerPerformance so that one parser reads both:
 * "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, P50 ms 50th, P95 ms 95th,
 * P99 ms 99th, P999 ms 99.9th."
 */
public final class MultiProducer {
    private static final int BUCKETS = 60_000; // latency histogram in ms, the last bucket holds the rest

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: MultiProducer BOOTSTRAP TOPIC[,TOPIC...] PRODUCERS TOTAL_RECORDS RECORD_SIZE [key=value ...]");
            System.exit(2);
        }
        String bootstrap = args[0];
        String[] topics = args[1].split(",");
        int producers = Integer.parseInt(args[2]);
        long total = Long.parseLong(args[3]);
        int size = Integer.parseInt(args[4]);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        for (String kv : Arrays.copyOfRange(args, 5, args.length)) {
            int eq = kv.indexOf('=');
            props.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) ('a' + i % 26);
        }
        AtomicLongArray histogram = new AtomicLongArray(BUCKETS);
        AtomicLong acked = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLong latencySum = new AtomicLong();
        AtomicLong latencyMax = new AtomicLong();

        List<KafkaProducer<byte[], byte[]>> clients = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            Properties own = new Properties();
            own.putAll(props);
            own.put(ProducerConfig.CLIENT_ID_CONFIG, "multi-producer-" + p);
            clients.add(new KafkaProducer<>(own));
        }
        CountDownLatch done = new CountDownLatch(producers);
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            KafkaProducer<byte[], byte[]> producer = clients.get(p);
            long share = total / producers + (p < total % producers ? 1 : 0);
            int first = p;
            Thread t = new Thread(() -> {
                try {
                    for (long i = 0; i < share; i++) {
                        String topic = topics[(int) ((first + i) % topics.length)];
                        long sent = System.nanoTime();
                        producer.send(new ProducerRecord<>(topic, payload), (md, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                                return;
                            }
                            long ms = (System.nanoTime() - sent) / 1_000_000;
                            histogram.incrementAndGet((int) Math.min(ms, BUCKETS - 1));
                            latencySum.addAndGet(ms);
                            latencyMax.accumulateAndGet(ms, Math::max);
                            acked.incrementAndGet();
                        });
                    }
                    producer.flush();
                } finally {
                    done.countDown();
                }
            }, "producer-" + p);
            threads.add(t);
            t.start();
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        for (KafkaProducer<byte[], byte[]> c : clients) {
            c.close();
        }
        long n = acked.get();
        if (failed.get() > 0) {
            System.err.println(failed.get() + " sends failed");
        }
        double rps = n / seconds;
        System.out.printf("%d records sent, %.1f records/sec (%.2f MB/sec), %.2f ms avg latency, %d ms max latency, "
                        + "%d ms 50th, %d ms 95th, %d ms 99th, %d ms 99.9th.%n",
                n, rps, rps * size / (1024.0 * 1024.0), n == 0 ? 0.0 : (double) latencySum.get() / n, latencyMax.get(),
                percentile(histogram, n, 0.5), percentile(histogram, n, 0.95), percentile(histogram, n, 0.99),
                percentile(histogram, n, 0.999));
        System.exit(failed.get() > 0 ? 1 : 0);
    }

    private static long percentile(AtomicLongArray histogram, long n, double q) {
        long rank = (long) Math.ceil(q * n);
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += histogram.get(i);
            if (seen >= rank && rank > 0) {
                return i;
            }
        }
        return BUCKETS - 1;
    }
}
