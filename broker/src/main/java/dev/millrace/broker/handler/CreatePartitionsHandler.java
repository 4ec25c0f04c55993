package dev.millrace.broker.handler;

import dev.millrace.broker.controller.TopicController;
import dev.millrace.broker.protocol.types.Struct;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** CreatePartitions: grows a topic to a new partition count (also validate_only). */
final class CreatePartitionsHandler implements RequestHandler {
    private final TopicController controller;

    CreatePartitionsHandler(TopicController controller) {
        this.controller = controller;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        boolean validateOnly = request.getBoolean("ValidateOnly");
        Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (Struct topic : request.getStructArray("Topics")) {
            String name = topic.getString("Name");
            int count = topic.getInt("Count");
            Struct out = response.addStruct("Results").set("Name", name);
            Map<Integer, List<Integer>> assignments = new HashMap<>();
            List<Struct> requested = topic.getStructArray("Assignments");
            if (requested != null) {
                for (int i = 0; i < requested.size(); i++) {
                    assignments.put(i, requested.get(i).getArray("BrokerIds"));
                }
            }
            pending.add(controller.createPartitions(name, count, assignments, validateOnly).thenAccept(result ->
                    out.set("ErrorCode", result.error().code()).set("ErrorMessage", result.messageOrDefault())));
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(v -> response);
    }
}
