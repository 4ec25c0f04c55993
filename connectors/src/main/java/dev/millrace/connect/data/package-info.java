/**
 * The connector data model, as Kafka Connect's {@code org.apache.kafka.connect.data}: schemas, structs and the
 * logical types ({@code Decimal}, {@code Date}, {@code Time}, {@code Timestamp}) with Connect's names and encodings,
 * so converters write the same bytes a Kafka Connect worker writes.
 */
package dev.millrace.connect.data;
