package dev.millrace.broker.handler;

/** Kafka's config resource type ids. */
final class ConfigResources {
    static final byte TOPIC = 2;
    static final byte BROKER = 4;

    private ConfigResources() {
    }
}
