package dev.millrace.broker.handler;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.metadata.TopicInfo;
import dev.millrace.broker.metadata.TopicRegistry;
import dev.millrace.broker.protocol.Errors;
import dev.millrace.broker.protocol.types.Struct;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * DescribeConfigs for topics (every topic setting with its effective value and source) and for this broker
 * (its server settings and the broker-level topic defaults). v0 has no sources: its IsDefault is true exactly
 * when the value comes from the built-in default, as Kafka answered it.
 */
final class DescribeConfigsHandler implements RequestHandler {
    private final TopicRegistry topics;
    private final BrokerConfig broker;
    private final ConfigDescriber describer;

    DescribeConfigsHandler(TopicRegistry topics, BrokerConfig broker, ConfigDescriber describer) {
        this.topics = topics;
        this.broker = broker;
        this.describer = describer;
    }

    @Override
    public CompletableFuture<Struct> handle(RequestContext context, Struct request) {
        boolean synonyms = request.getBoolean("IncludeSynonyms");
        boolean documentation = request.getBoolean("IncludeDocumentation");
        Struct response = context.api().response().newStruct().set("ThrottleTimeMs", 0);
        for (Struct resource : request.getStructArray("Resources")) {
            byte type = resource.getByte("ResourceType");
            String name = resource.getString("ResourceName");
            Struct out = response.addStruct("Results").set("ResourceType", type).set("ResourceName", name)
                    .set("ErrorCode", Errors.NONE.code()).set("ErrorMessage", null);
            List<ConfigDescriber.Entry> entries;
            if (type == ConfigResources.TOPIC) {
                TopicInfo topic = topics.get(name);
                if (topic == null) {
                    out.set("ErrorCode", Errors.UNKNOWN_TOPIC_OR_PARTITION.code())
                            .set("ErrorMessage", "Topic " + name + " does not exist.");
                    continue;
                }
                entries = describer.describeTopic(topic.configs());
            } else if (type == ConfigResources.BROKER) {
                if (!name.isEmpty() && !name.equals(Integer.toString(broker.nodeId()))) {
                    out.set("ErrorCode", Errors.INVALID_REQUEST.code())
                            .set("ErrorMessage", "Unexpected broker id, expected " + broker.nodeId() + " or empty string, but received " + name);
                    continue;
                }
                entries = describer.describeBroker(broker.originals());
            } else {
                out.set("ErrorCode", Errors.INVALID_REQUEST.code())
                        .set("ErrorMessage", "Unsupported resource type " + type);
                continue;
            }
            List<String> keys = resource.getArray("ConfigurationKeys");
            for (ConfigDescriber.Entry e : entries) {
                if (keys != null && !keys.isEmpty() && !keys.contains(e.name())) {
                    continue;
                }
                Struct c = out.addStruct("Configs")
                        .set("Name", e.name())
                        .set("Value", e.value())
                        .set("ReadOnly", type == ConfigResources.BROKER)
                        .set("IsDefault", e.source() == ConfigDescriber.Source.DEFAULT_CONFIG)
                        .set("ConfigSource", e.source().id)
                        .set("IsSensitive", false)
                        .set("ConfigType", ConfigDescriber.typeId(e.type()))
                        .set("Documentation", documentation ? e.documentation() : null);
                if (synonyms) {
                    for (ConfigDescriber.Synonym s : e.synonyms()) {
                        c.addStruct("Synonyms").set("Name", s.name()).set("Value", s.value()).set("Source", s.source().id);
                    }
                }
            }
        }
        return CompletableFuture.completedFuture(response);
    }
}
