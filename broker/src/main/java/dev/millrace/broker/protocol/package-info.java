/**
 * The Kafka wire protocol as the broker speaks it: the APIs we implement and advertise ({@link
 * dev.millrace.broker.protocol.ApiKey}), request and response headers, error codes ({@link
 * dev.millrace.broker.protocol.Errors}) and the ApiVersions fallback for too-new clients. Message layouts live
 * in {@code message}, the codec engine in {@code types}. Nothing here touches the network or the log.
 */
package dev.millrace.broker.protocol;
