/**
 * What every tool shares about its Kafka client: properties assembled from files and
 * {@code key=value} flags, and the one-line error a tool exits with.
 */
package dev.millrace.tools.client;
