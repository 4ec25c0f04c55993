/** Records for the test driver's input and output topics, as Kafka Streams' {@code org.apache.kafka.streams.test}. */
package dev.millrace.streams.test;
