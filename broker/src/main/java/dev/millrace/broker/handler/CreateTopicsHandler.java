package dev.millrace.broker.handler;

import dev.millrace.broker.controller.TopicController;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * CreateTopics (also validate_only): each topic is validated and created by the controller; from v5 the
 * answer describes the topic as created: partition count, replication factor and its effective configs.
 */
final class CreateTopicsHandler implements RequestHandler {
    private final TopicController controller;
    private final ConfigDescriber describer;

    CreateTopicsHandler(TopicController controller, ConfigDescriber describer) {
        this.controller = controller;
        this.describer = describer;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        boolean validateOnly = request.getBoolean("validateOnly");
        Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
        Set<String> seen = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        for (Struct topic : request.getStructArray("Topics")) {
            if (!seen.add(topic.getString("Name"))) {
                duplicated.add(topic.getString("Name"));
            }
        }
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (Struct topic : request.getStructArray("Topics")) {
            String name = topic.getString("Name");
            Struct out = response.addStruct("Topics").set("Name", name);
            if (duplicated.contains(name)) {
                out.set("ErrorCode", Errors.INVALID_REQUEST.code())
                        .set("ErrorMessage", "Create topics request from client contains multiple entries for the topic " + name);
                continue;
            }
            Map<String, String> configs = new LinkedHashMap<>();
            for (Struct c : topic.getStructArray("Configs")) {
                configs.put(c.getString("Name"), c.getString("Value"));
            }
            if (configs.containsValue(null)) {
                out.set("ErrorCode", Errors.INVALID_CONFIG.code()).set("ErrorMessage", "Null value not supported for topic configs");
                continue;
            }
            Map<Integer, List<Integer>> assignments = new HashMap<>();
            for (Struct a : topic.getStructArray("Assignments")) {
                assignments.put(a.getInt("PartitionIndex"), a.getArray("BrokerIds"));
            }
            pending.add(controller.createTopic(name, topic.getInt("NumPartitions"), topic.getShort("ReplicationFactor"),
                    assignments, configs, validateOnly).thenAccept(result -> {
                        out.set("ErrorCode", result.error().error().code())
                                .set("ErrorMessage", result.error().messageOrDefault());
                        if (result.error().isSuccess()) {
                            out.set("TopicId", result.topic().id())
                                    .set("NumPartitions", result.topic().partitionCount())
                                    .set("ReplicationFactor", (short) 1);
                            for (ConfigDescriber.Entry e : describer.describeTopic(result.topic().configs())) {
                                out.addStruct("Configs").set("Name", e.name()).set("Value", e.value())
                                        .set("ReadOnly", false).set("ConfigSource", e.source().id).set("IsSensitive", false);
                            }
                        } else {
                            out.set("Configs", null);
                        }
                    }));
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(v -> response);
    }
}
