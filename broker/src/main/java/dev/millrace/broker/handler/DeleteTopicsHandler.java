package dev.millrace.broker.handler;

import dev.millrace.broker.controller.ApiError;
import dev.millrace.broker.controller.TopicController;
import dev.millrace.broker.metadata.TopicInfo;
import dev.millrace.broker.metadata.TopicRegistry;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import dev.millrace.broker.protocol.types.Uuid;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** DeleteTopics, by name (v0-5) or by name or topic id (v6). */
final class DeleteTopicsHandler implements RequestHandler {
    private final TopicController controller;
    private final TopicRegistry topics;

    DeleteTopicsHandler(TopicController controller, TopicRegistry topics) {
        this.controller = controller;
        this.topics = topics;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        if (context.version() >= 6) {
            for (Struct t : request.getStructArray("Topics")) {
                String name = t.getString("Name");
                Uuid id = t.getUuid("TopicId");
                Struct out = response.addStruct("Responses").set("Name", name).set("TopicId", id);
                if (name == null) {
                    TopicInfo topic = topics.get(id);
                    if (topic == null) {
                        out.set("ErrorCode", Errors.UNKNOWN_TOPIC_ID.code());
                        continue;
                    }
                    name = topic.name();
                    out.set("Name", name);
                }
                pending.add(delete(name, out));
            }
        } else {
            for (String name : request.<String>getArray("TopicNames")) {
                pending.add(delete(name, response.addStruct("Responses").set("Name", name)));
            }
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(v -> response);
    }

    private CompletableFuture<Void> delete(String name, Struct out) {
        TopicInfo topic = topics.get(name);
        if (topic != null) {
            out.set("TopicId", topic.id());
        }
        return controller.deleteTopic(name).thenAccept((ApiError result) ->
                out.set("ErrorCode", result.error().code()).set("ErrorMessage", result.messageOrDefault()));
    }
}
