package dev.millrace.broker.handler;

import dev.millrace.broker.config.BrokerConfig;
import dev.millrace.broker.config.ConfigDef;
import dev.millrace.broker.log.LogConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The effective value of every topic and broker setting with where it came from, in the shape DescribeConfigs
 * and CreateTopics (v5+) report: the winning value first, then its synonyms in precedence order.
 */
final class ConfigDescriber {

    /** Kafka's config source ids as they appear on the wire. */
    enum Source {
        TOPIC_CONFIG(1), STATIC_BROKER_CONFIG(4), DEFAULT_CONFIG(5);

        final byte id;

        Source(int id) {
            this.id = (byte) id;
        }
    }

    record Synonym(String name, String value, Source source) {
    }

    record Entry(String name, String value, Source source, ConfigDef.Type type, String documentation,
                 List<Synonym> synonyms) {
    }

    private final BrokerConfig broker;

    ConfigDescriber(BrokerConfig broker) {
        this.broker = broker;
    }

    List<Entry> describeTopic(Map<String, String> overrides) {
        Map<String, String> brokerDefaults = broker.logDefaults();
        List<Entry> out = new ArrayList<>();
        for (ConfigDef.Key key : LogConfig.DEFINITION.keys().values()) {
            if (LogConfig.INTERNAL_KEYS.contains(key.name())) {
                continue;
            }
            List<Synonym> synonyms = new ArrayList<>(3);
            if (overrides.containsKey(key.name())) {
                synonyms.add(new Synonym(key.name(), overrides.get(key.name()), Source.TOPIC_CONFIG));
            }
            String brokerKey = LogConfig.BROKER_SYNONYMS.get(key.name());
            if (brokerKey != null && brokerDefaults.containsKey(brokerKey)) {
                synonyms.add(new Synonym(brokerKey, brokerDefaults.get(brokerKey), Source.STATIC_BROKER_CONFIG));
            }
            synonyms.add(new Synonym(brokerKey != null ? brokerKey : key.name(), key.defaultValue(), Source.DEFAULT_CONFIG));
            Synonym winner = synonyms.get(0);
            out.add(new Entry(key.name(), winner.value(), winner.source(), key.type(), key.doc(), synonyms));
        }
        return out;
    }

    List<Entry> describeBroker(Map<String, String> explicitlySet) {
        List<Entry> out = new ArrayList<>();
        Map<String, String> values = broker.serverValues();
        for (ConfigDef.Key key : BrokerConfig.DEFINITION.keys().values()) {
            Source source = explicitlySet.containsKey(key.name()) ? Source.STATIC_BROKER_CONFIG : Source.DEFAULT_CONFIG;
            String value = values.get(key.name());
            out.add(new Entry(key.name(), value, source, key.type(), key.doc(),
                    List.of(new Synonym(key.name(), value, source))));
        }
        for (ConfigDef.Key key : LogConfig.DEFINITION.keys().values()) {
            String brokerKey = LogConfig.BROKER_SYNONYMS.get(key.name());
            if (brokerKey == null || BrokerConfig.DEFINITION.has(brokerKey) || LogConfig.INTERNAL_KEYS.contains(key.name())) {
                continue;
            }
            boolean set = broker.logDefaults().containsKey(brokerKey);
            String value = set ? broker.logDefaults().get(brokerKey) : key.defaultValue();
            Source source = set ? Source.STATIC_BROKER_CONFIG : Source.DEFAULT_CONFIG;
            out.add(new Entry(brokerKey, value, source, key.type(), key.doc(),
                    List.of(new Synonym(brokerKey, value, source))));
        }
        return out;
    }

    /** Kafka's ConfigType ids (DescribeConfigs v3+). */
    static byte typeId(ConfigDef.Type type) {
        return switch (type) {
            case BOOLEAN -> 1;
            case STRING -> 2;
            case INT -> 3;
            case LONG -> 5;
            case DOUBLE -> 6;
            case LIST -> 7;
        };
    }
}
