/**
 * The partitions led by this broker: each wraps its log, is owned by one I/O thread (single writer), keeps
 * the high watermark apart from the log end offset, and wakes parked fetches after each append.
 */
package dev.millrace.broker.partition;
