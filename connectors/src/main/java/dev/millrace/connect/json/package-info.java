/**
 * The JSON converter: writes connector data as the JSON Kafka Connect's JsonConverter writes, with or without the
 * {@code {"schema":...,"payload":...}} envelope, so consumers written for Kafka Connect read Millrace's records.
 */
package dev.millrace.connect.json;
