/**
 * Millrace's command-line tools: {@link dev.millrace.tools.ToolsMain} dispatches {@code topics},
 * {@code produce} and {@code consume}. They take the flags of Kafka's own tools and are built on
 * kafka-clients only, so they work against Millrace and Apache Kafka alike.
 */
package dev.millrace.tools;
