package dev.millrace.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * Creates the benchmark's topics in one JVM (one kafka-topics run per topic costs seconds on a busy
 * machine). Usage: CreateTopics BOOTSTRAP NAME:PARTITIONS [NAME:PARTITIONS ...]. Public Admin API only.
 */
public final class CreateTopics {
    public static void main(String[] args) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        List<NewTopic> topics = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] parts = args[i].split(":");
            topics.add(new NewTopic(parts[0], Integer.parseInt(parts[1]), (short) 1));
        }
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(topics).all().get();
            // wait until every partition has a leader in the metadata
            for (int attempt = 0; attempt < 200; attempt++) {
                var described = admin.describeTopics(topics.stream().map(NewTopic::name).toList()).allTopicNames().get();
                boolean ready = described.values().stream().allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null));
                if (ready) {
                    return;
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("topics created but partitions have no leader yet");
        }
    }
}
