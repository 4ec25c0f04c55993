package dev.millrace.broker.handler;

import dev.millrace.broker.config.ConfigDef;
import dev.millrace.broker.controller.ApiError;
import dev.millrace.broker.controller.TopicController;
import dev.millrace.broker.log.LogConfig;
import dev.millrace.broker.metadata.TopicInfo;
import dev.millrace.broker.metadata.TopicRegistry;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * AlterConfigs (replaces a topic's whole set of overrides) and IncrementalAlterConfigs (SET, DELETE, APPEND,
 * SUBTRACT per key), for topics. Broker settings are static here: changing them answers INVALID_CONFIG.
 */
final class AlterConfigsHandler implements RequestHandler {
    private static final byte SET = 0;
    private static final byte DELETE = 1;
    private static final byte APPEND = 2;
    private static final byte SUBTRACT = 3;

    private final TopicController controller;
    private final TopicRegistry topics;
    private final boolean incremental;

    AlterConfigsHandler(TopicController controller, TopicRegistry topics, boolean incremental) {
        this.controller = controller;
        this.topics = topics;
        this.incremental = incremental;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        boolean validateOnly = request.getBoolean("ValidateOnly");
        Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        for (Struct resource : request.getStructArray("Resources")) {
            byte type = resource.getByte("ResourceType");
            String name = resource.getString("ResourceName");
            Struct out = response.addStruct("Responses").set("ResourceType", type).set("ResourceName", name);
            ApiError error = null;
            Map<String, String> target = null;
            if (type == ConfigResources.BROKER) {
                error = ApiError.of(Errors.INVALID_CONFIG, "Broker configuration is static in this version of Millrace; "
                        + "set it in the configuration file or with --override and restart.");
            } else if (type != ConfigResources.TOPIC) {
                error = ApiError.of(Errors.INVALID_REQUEST, "Unsupported resource type " + type);
            } else {
                TopicInfo topic = topics.get(name);
                if (topic == null) {
                    error = ApiError.of(Errors.UNKNOWN_TOPIC_OR_PARTITION, "Topic " + name + " does not exist.");
                } else {
                    try {
                        target = incremental ? applyIncremental(topic.configs(), resource.getStructArray("Configs"))
                                : replacement(resource.getStructArray("Configs"));
                    } catch (InvalidAlteration e) {
                        error = e.error;
                    }
                }
            }
            if (error != null) {
                out.set("ErrorCode", error.error().code()).set("ErrorMessage", error.messageOrDefault());
                continue;
            }
            pending.add(controller.replaceConfigs(name, target, validateOnly).thenAccept(result ->
                    out.set("ErrorCode", result.error().code()).set("ErrorMessage", result.messageOrDefault())));
        }
        return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).thenApply(v -> response);
    }

    private static Map<String, String> replacement(List<Struct> configs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Struct c : configs) {
            if (c.getString("Value") == null) {
                throw new InvalidAlteration(Errors.INVALID_REQUEST, "Null value not supported for : " + c.getString("Name"));
            }
            out.put(c.getString("Name"), c.getString("Value"));
        }
        return out;
    }

    private static Map<String, String> applyIncremental(Map<String, String> current, List<Struct> changes) {
        Map<String, String> out = new LinkedHashMap<>(current);
        Set<String> seen = new HashSet<>();
        for (Struct c : changes) {
            String key = c.getString("Name");
            String value = c.getString("Value");
            if (!seen.add(key)) {
                throw new InvalidAlteration(Errors.INVALID_REQUEST, "Error due to duplicate config keys");
            }
            byte op = c.getByte("ConfigOperation");
            ConfigDef.Key declared = LogConfig.DEFINITION.keys().get(key);
            if (declared == null) {
                throw new InvalidAlteration(Errors.INVALID_CONFIG, "Unknown topic config name: " + key);
            }
            switch (op) {
                case SET -> out.put(key, value);
                case DELETE -> out.remove(key);
                case APPEND, SUBTRACT -> {
                    if (declared.type() != ConfigDef.Type.LIST) {
                        throw new InvalidAlteration(Errors.INVALID_CONFIG, "Config value append is not allowed for config key: " + key);
                    }
                    String base = out.containsKey(key) ? out.get(key) : declared.defaultValue();
                    List<String> items = new ArrayList<>(base == null || base.isBlank() ? List.of() : List.of(base.split("\\s*,\\s*")));
                    for (String item : value == null ? new String[0] : value.split("\\s*,\\s*")) {
                        if (op == APPEND && !items.contains(item)) {
                            items.add(item);
                        } else if (op == SUBTRACT) {
                            items.remove(item);
                        }
                    }
                    out.put(key, String.join(",", items));
                }
                default -> throw new InvalidAlteration(Errors.INVALID_REQUEST, "Unknown config operation " + op);
            }
        }
        return out;
    }

    private static final class InvalidAlteration extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ApiError error;

        InvalidAlteration(Errors code, String message) {
            super(message, null, false, false);
            this.error = ApiError.of(code, message);
        }
    }
}
