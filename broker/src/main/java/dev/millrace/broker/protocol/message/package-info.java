/**
 * The message declarations: one class per Kafka API holding its {@code REQUEST} and {@code RESPONSE}
 * {@link dev.millrace.broker.protocol.types.MessageSchema}, each declared once over every version that
 * kafka-clients knows, with Kafka's field names. What the broker advertises is decided in
 * {@link dev.millrace.broker.protocol.ApiKey}, not here.
 */
package dev.millrace.broker.protocol.message;
