/**
 * Integration tests: a real broker on a real port, driven by the official Kafka Java client (and, from
 * scripts, by kcat and KafkaJS).
 */
package dev.millrace.broker.it;
