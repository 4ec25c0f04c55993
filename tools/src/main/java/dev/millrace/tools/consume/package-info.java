/** The {@code consume} tool: prints records of a topic, like Kafka's console consumer. */
package dev.millrace.tools.consume;
