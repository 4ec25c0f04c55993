/**
 * The file source, as Kafka's FileStreamSource: each line of a file (or standard input) becomes a string record,
 * with the byte position after the line as its source offset, so a restarted task resumes at the next line.
 */
package dev.millrace.connect.file;
