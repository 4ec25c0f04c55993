/**
 * Millrace's connectors: a source connector runtime with Kafka Connect's REST API and its offset, config and
 * status topics, and change-data-capture connectors that emit Debezium's change-event envelope. Connectors are
 * clients of the broker (DESIGN 9): they write through kafka-clients' producer and work against any Kafka.
 */
package dev.millrace.connect;
